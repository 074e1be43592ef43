namespace Edge.Gateway.Mqtt.Security;

/// <summary>Mosquitto's TLS listener: its port and the PEM files (the lab CA's ca.crt, server.crt, server.key).</summary>
internal sealed record MosquittoTls(int Port, string CaFile, string CertificateFile, string KeyFile);
