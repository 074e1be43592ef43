using Edge.Gateway.Hosting;

namespace Edge.Gateway.Demo;

/// <summary>Tells the person who typed the one command where to look.</summary>
internal sealed class DemoBanner(GatewayHostOptions options, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            string site = options.Gateway.Site;
            string web = (options.ServerCertificate is null ? "http" : "https") + "://127.0.0.1:" + options.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine();
            Console.WriteLine("Edge demo is running.");
            Console.WriteLine("  Dashboard:  {0}/", web);
            Console.WriteLine("  REST:       {0}/api/fleet   metrics: /metrics", web);
            Console.WriteLine("  MQTT:       {0}:{1} (embedded broker)", options.Broker.Host, options.Broker.Port);
            Console.WriteLine("  Watch:      mosquitto_sub -h {0} -p {1} -v -t 'edge/v1/{2}/rollup/10s/#' -t 'edge/v1/{2}/flow/+/owner'", options.Broker.Host, options.Broker.Port, site);
            Console.WriteLine("  Chaos:      curl -X POST {0}/api/sim/sim-002/kill   (pause|resume|restart|corrupt)", web);
            Console.WriteLine("  Stop:       Ctrl+C");
            Console.WriteLine();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
