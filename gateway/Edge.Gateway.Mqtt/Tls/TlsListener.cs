using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Edge.Gateway.Mqtt.Tls;

/// <summary>The embedded broker's TLS endpoint: the server certificate (with its key) and where it listens.</summary>
internal sealed record TlsListener(X509Certificate2 Certificate, IPAddress Address, int Port);
