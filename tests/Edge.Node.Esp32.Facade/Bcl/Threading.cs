// Facade of the nanoFramework.System.Threading package (assembly System.Threading): only what
// firmware/Edge.Node.Esp32 uses. Signatures only; every body throws. Thread, Monitor, Interlocked and Timer are in
// nanoFramework's mscorlib, which this facade is compiled against.
namespace System.Threading
{
    // nanoframework/System.Threading: nanoFramework.System.Threading/Threading/CancellationToken.cs
    public struct CancellationToken
    {
        // nanoframework/System.Threading: nanoFramework.System.Threading/Threading/CancellationToken.cs
        public bool IsCancellationRequested
        {
            get { throw new NotSupportedException("facade"); }
        }
    }

    // nanoframework/System.Threading: nanoFramework.System.Threading/Threading/CancellationTokenSource.cs
    public class CancellationTokenSource
    {
        // nanoframework/System.Threading: nanoFramework.System.Threading/Threading/CancellationTokenSource.cs
        public CancellationTokenSource(int millisecondsDelay)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Threading: nanoFramework.System.Threading/Threading/CancellationTokenSource.cs
        public CancellationToken Token
        {
            get { throw new NotSupportedException("facade"); }
        }
    }
}
