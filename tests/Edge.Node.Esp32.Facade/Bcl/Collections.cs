// Facade of the nanoFramework.System.Collections package (assembly nanoFramework.System.Collections): only what
// firmware/Edge.Node.Esp32 uses. Signatures only; every body throws. ArrayList and the collection interfaces are in
// nanoFramework's mscorlib, which this facade is compiled against.
namespace System.Collections
{
    // nanoframework/System.Collections: nanoFramework.System.Collections/Collections/Queue.cs
    public class Queue
    {
        // nanoframework/System.Collections: nanoFramework.System.Collections/Collections/Queue.cs
        public Queue()
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Collections: nanoFramework.System.Collections/Collections/Queue.cs
        public virtual int Count
        {
            get { throw new NotSupportedException("facade"); }
        }

        // nanoframework/System.Collections: nanoFramework.System.Collections/Collections/Queue.cs
        public virtual void Enqueue(object obj)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Collections: nanoFramework.System.Collections/Collections/Queue.cs
        public virtual object Dequeue()
        {
            throw new NotSupportedException("facade");
        }
    }
}
