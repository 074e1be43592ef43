// Facade of the one nanoFramework.System.Net type the glue names (a parameter type of MqttClient's constructor; the
// glue passes null). Signatures only; every body throws.
namespace System.Security.Cryptography.X509Certificates
{
    // nanoframework/System.Net: nanoFramework.System.Net/X509Certificates/X509Certificate.cs
    public class X509Certificate
    {
        // nanoframework/System.Net: nanoFramework.System.Net/X509Certificates/X509Certificate.cs
        public X509Certificate(byte[] certificate)
        {
            throw new NotSupportedException("facade");
        }
    }
}
