using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// The embedded broker's TCP (and TLS) listeners, in place of MQTTnet's own: the same endpoints, read from the same
/// server options, but every connection's bytes pass a <see cref="PacketSizeGuardStream"/> before MQTTnet reads a
/// packet, because MQTTnet's server has no maximum packet size and allocates a packet's declared length up front.
/// Each connection is served by MQTTnet's own channel adapter and packet formatter, as its listener does.
/// </summary>
internal sealed class PacketLimitedTcpAdapter(int maxRemainingLength, Action? onOversize = null) : IMqttServerAdapter
{
    // A TLS handshake that has not finished by then is a connection held open for nothing.
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly List<Socket> _listeners = [];
    private readonly CancellationTokenSource _stop = new();

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        MqttServerTcpEndpointBaseOptions[] endpoints = [options.DefaultEndpointOptions, options.TlsEndpointOptions];
        foreach (MqttServerTcpEndpointBaseOptions endpoint in endpoints.Where(e => e.IsEnabled))
        {
            var tls = endpoint as MqttServerTlsTcpEndpointOptions;
            X509Certificate2? certificate = tls?.CertificateProvider?.GetCertificate();
            foreach (IPAddress address in new[] { endpoint.BoundInterNetworkAddress, endpoint.BoundInterNetworkV6Address })
            {
                if (address.Equals(IPAddress.None) || address.Equals(IPAddress.IPv6None))
                {
                    continue;
                }

                Socket listener = Listen(address, endpoint);
                _listeners.Add(listener);
                _ = AcceptAsync(listener, endpoint, tls, certificate, options, logger);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _stop.Cancel();
        foreach (Socket listener in _listeners)
        {
            listener.Dispose();
        }

        _listeners.Clear();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        StopAsync().GetAwaiter().GetResult();
        _stop.Dispose();
    }

    private static Socket Listen(IPAddress address, MqttServerTcpEndpointBaseOptions endpoint)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // Only the IPv6 address asked for: an IPv4 listener on the same port is a separate socket.
                socket.DualMode = false;
            }

            if (endpoint.ReuseAddress)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            socket.Bind(new IPEndPoint(address, endpoint.Port));
            endpoint.Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            socket.Listen(endpoint.ConnectionBacklog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task AcceptAsync(Socket listener, MqttServerTcpEndpointBaseOptions endpoint, MqttServerTlsTcpEndpointOptions? tls,
        X509Certificate2? certificate, MqttServerOptions options, IMqttNetLogger logger)
    {
        CancellationToken stopping = _stop.Token;
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset while queued; the listener itself is fine.
                continue;
            }

            _ = Task.Run(() => ServeAsync(client, endpoint, tls, certificate, options, logger), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client, MqttServerTcpEndpointBaseOptions endpoint, MqttServerTlsTcpEndpointOptions? tls,
        X509Certificate2? certificate, MqttServerOptions options, IMqttNetLogger logger)
    {
        client.NoDelay = endpoint.NoDelay;
        if (endpoint.LingerState is { } linger)
        {
            client.LingerState = linger;
        }

        EndPoint? local = client.LocalEndPoint;
        EndPoint? remote = client.RemoteEndPoint;
        Stream stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            X509Certificate2? clientCertificate = null;
            if (tls is not null && certificate is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, tls.RemoteCertificateValidationCallback);
                stream = ssl;
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                handshake.CancelAfter(HandshakeTimeout);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateRequired = tls.ClientCertificateRequired,
                    EnabledSslProtocols = tls.SslProtocol,
                    CertificateRevocationCheckMode = tls.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
                    EncryptionPolicy = EncryptionPolicy.RequireEncryption,
                    CipherSuitesPolicy = tls.CipherSuitesPolicy,
                }, handshake.Token).ConfigureAwait(false);
                clientCertificate = ssl.RemoteCertificate is { } remoteCertificate
                    ? remoteCertificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(remoteCertificate.Export(X509ContentType.Cert))
                    : null;
            }

            if (ClientHandler is not { } handler)
            {
                return;
            }

            var channel = new MqttTcpChannel(new PacketSizeGuardStream(stream, maxRemainingLength, onOversize), local, remote, clientCertificate);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(channel, formatter, logger);
            adapter.AllowPacketFragmentation = endpoint.AllowPacketFragmentation;
            await handler(adapter).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException or InvalidDataException)
        {
            // One connection's failure (a reset, a failed handshake, an oversize packet) ends that connection only.
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
