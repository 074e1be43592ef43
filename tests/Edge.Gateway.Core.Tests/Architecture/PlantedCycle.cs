// Two namespaces that use each other, on purpose: the cycle test must find them (NamespaceGraphTests).
namespace Edge.Gateway.Core.Tests.Architecture.Planted.Left
{
    internal sealed class Caller
    {
        public static int Call() => Edge.Gateway.Core.Tests.Architecture.Planted.Right.Callee.Answer() + 1;
    }
}

namespace Edge.Gateway.Core.Tests.Architecture.Planted.Right
{
    internal static class Callee
    {
        public static int Answer() => 41;

        /// <summary>Used only through a lambda, which compiles to a nested closure type: still counted as Right.</summary>
        public static Func<int> Later() => () => Edge.Gateway.Core.Tests.Architecture.Planted.Left.Caller.Call();
    }
}
