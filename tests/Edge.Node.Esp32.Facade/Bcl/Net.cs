// Facade of the one nanoFramework.System.Net type the glue names: the CA certificate M2Mqtt's TLS checks the broker
// against (a parameter type of MqttClient's constructor; null for plain MQTT). Signatures only; every body throws.
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

        // nanoframework/System.Net: nanoFramework.System.Net/X509Certificates/X509Certificate.cs (PEM or DER as a string;
        // nanoFramework's own overload, which keeps the terminating NUL mbedTLS needs to parse PEM)
        public X509Certificate(string certificate)
        {
            throw new NotSupportedException("facade");
        }
    }
}
