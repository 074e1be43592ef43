using System.Net;
using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Mqtt.Security;
using Edge.Gateway.Mqtt.Tls;

namespace Edge.Gateway.Hosting;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>Everything the gateway needs; Program.cs stays a few lines. Later hosts add --demo and a dashboard beside it.</summary>
    public static IServiceCollection AddEdgeGateway(this IServiceCollection services, GatewayHostOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Gateway);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<IGatewayMetrics>(sp => sp.GetRequiredService<GatewayMetrics>());
        services.AddHttpClient();
        (BrokerAuthorizer authorizer, string gatewayPassword) = BrokerSecuritySetup.Create(options);
        BrokerEndpoint broker = options.Broker with { GatewayPassword = gatewayPassword };
        services.AddSingleton(authorizer);
        services.AddSingleton(sp => new Leadership(options.Gateway.GatewayId, sp.GetRequiredService<TimeProvider>()));
        if (options.Broker.Embedded)
        {
            // The broker is in this process: in and out go through it directly, not through loopback clients.
            TlsListener? tls = options.ServerCertificate is { } certificate ? new TlsListener(certificate, IPAddress.Parse(options.MqttBind), options.TlsPort) : null;
            services.AddSingleton(new EmbeddedBroker(options.PlainListener, options.Broker.Port, authorizer: authorizer, tls: tls)
            {
                WarmUpIdentity = (GatewaySecret.ClientIds(options.Gateway.GatewayId)[0], gatewayPassword),
            });
            services.AddSingleton(new BrokerSubscriptions(options.Gateway.Site));
            services.AddSingleton<IGatewayLink>(sp => new EmbeddedPublisher(sp.GetRequiredService<EmbeddedBroker>(),
                sp.GetRequiredService<BrokerSubscriptions>(), options.Gateway, sp.GetRequiredService<Leadership>()));
            services.AddSingleton<IGatewayIntake>(sp => new EmbeddedIntake(sp.GetRequiredService<EmbeddedBroker>(),
                sp.GetRequiredService<BrokerSubscriptions>(), options.Gateway.Site, options.Gateway.GatewayId,
                sp.GetRequiredService<GatewayRuntime>().EnqueueAsync));
        }
        else
        {
            services.AddSingleton<IGatewayLink>(sp => new GatewayOutbox(broker, options.Gateway, sp.GetRequiredService<Leadership>()));
            services.AddSingleton<IGatewayIntake>(sp => new GatewayInbox(broker, options.Gateway.Site, options.Gateway.GatewayId,
                sp.GetRequiredService<GatewayRuntime>().EnqueueAsync));
        }

        services.AddSingleton(sp => new GatewayRuntime(
            options.Gateway,
            sp.GetRequiredService<IGatewayLink>(),
            sp.GetRequiredService<IGatewayMetrics>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            http: sp.GetRequiredService<IHttpClientFactory>().CreateClient("sinks"),
            actuator: sp.GetService<IScaleActuator>(),
            store: options.HighAvailability.CreateStore(),
            election: options.HighAvailability.CreateElection(options.Gateway.Site, options.Gateway.GatewayId, options.Gateway.Election,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<Leadership>()),
            leadership: sp.GetRequiredService<Leadership>()));
        services.AddSingleton(sp => sp.GetRequiredService<GatewayRuntime>().Queries);
        services.AddSingleton<GatewayHealth>();
        services.AddHostedService<GatewayHostedService>();
        services.AddHostedService<DiscoveryPublisher>();
        return services;
    }
}
