// Facade of the nanoFramework.Runtime.Native package's System.Environment (a partial class there, namespace System):
// only what firmware/Edge.Node.Esp32 uses. Signatures only; every body throws.
namespace System
{
    // nanoframework/nanoFramework.Runtime.Native: nanoFramework.Runtime.Native/System/Environment.cs
    public static class Environment
    {
        // nanoframework/nanoFramework.Runtime.Native: nanoFramework.Runtime.Native/System/Environment.cs
        public static long TickCount64
        {
            get { throw new NotSupportedException("facade"); }
        }
    }
}
