using System.Net;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests.Conformance;

/// <summary>
/// The broker a conformance test runs against: the gateway's embedded MQTTnet broker, or Mosquitto (a child
/// process) set to the same queue bound. Every conformance test runs on both, so the two stay alike.
/// </summary>
internal sealed class ConformanceBroker : IAsyncDisposable
{
    public const string Embedded = "embedded";
    public const string Mosquitto = "mosquitto";

    private readonly EmbeddedBroker? _embedded;
    private readonly MosquittoBroker? _mosquitto;

    private ConformanceBroker(int port, EmbeddedBroker? embedded, MosquittoBroker? mosquitto)
    {
        Port = port;
        _embedded = embedded;
        _mosquitto = mosquitto;
    }

    /// <summary>Theory data: each test once per broker.</summary>
    public static TheoryData<string> Both => [Embedded, Mosquitto];

    public int Port { get; }

    public string PortText => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The embedded broker's counts of what it did not keep (Mosquitto has none to read).</summary>
    public BrokerCounters? Counters => _embedded?.Counters;

    public static async Task<ConformanceBroker> StartAsync(string kind, BrokerLimits? limits = null)
    {
        limits ??= BrokerLimits.Default;
        if (kind == Mosquitto)
        {
            MosquittoBroker mosquitto = await MosquittoBroker.StartAsync(maxQueuedMessages: limits.QueuedWhileAway);
            return new ConformanceBroker(mosquitto.Port, null, mosquitto);
        }

        int port = FreePort.Next();
        var embedded = new EmbeddedBroker(IPAddress.Loopback, port, limits);
        await embedded.StartAsync();
        return new ConformanceBroker(port, embedded, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }

        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }
    }
}
