// Facade of the nanoFramework.System.Text package (assembly nanoFramework.System.Text): only what
// firmware/Edge.Node.Esp32 uses. Signatures only; every body throws.
namespace System.Text
{
    // nanoframework/System.Text: nanoFramework.System.Text/Text/Encoding.cs
    public abstract class Encoding
    {
        // nanoframework/System.Text: nanoFramework.System.Text/Text/Encoding.cs
        protected Encoding()
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Text: nanoFramework.System.Text/Text/Encoding.cs
        public static Encoding UTF8
        {
            get { throw new NotSupportedException("facade"); }
        }

        // nanoframework/System.Text: nanoFramework.System.Text/Text/Encoding.cs
        public virtual string GetString(byte[] bytes, int index, int count)
        {
            throw new NotSupportedException("facade");
        }
    }
}
