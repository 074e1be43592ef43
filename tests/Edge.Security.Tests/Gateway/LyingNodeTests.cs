using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Edge.Gateway.Api;
using Edge.Security.Tests.Fixtures;

namespace Edge.Security.Tests.Gateway;

/// <summary>
/// A node with a valid credential that lies about itself (docs/SECURITY.md, "A lying node"): its reports are
/// checked against what the gateway measures, and a persistent liar is quarantined until an operator lifts it.
/// </summary>
public sealed class LyingNodeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_node_lying_about_its_arrivals_forecast_and_buffer_is_quarantined_gets_no_new_flows_and_only_an_operator_lifts_it(bool behindMosquitto)
    {
        // Two-second windows so the three failed windows in a row take seconds, not minutes.
        await using SecuredGateway gateway = behindMosquitto
            ? await SecuredGateway.StartBehindMosquittoAsync(["pi-01", "pi-02"], ["--plausibility-window", "2"])
            : await SecuredGateway.StartAsync(["pi-01", "pi-02"], extra: ["--plausibility-window", "2"]);
        await using var liar = new ProtocolNode(gateway.MqttPort, "pi-01", gateway.Passwords["pi-01"]);
        await using var honest = new ProtocolNode(gateway.MqttPort, "pi-02", gateway.Passwords["pi-02"]);
        await liar.ConnectAsync(session: 1);
        await honest.ConnectAsync(session: 1);
        // A birth's PUBACK comes when the gateway has queued it, not applied it: /api/fleet lists the nodes a moment later.
        await Eventually.TrueAsync(async () => await gateway.GetAsync("/api/nodes") is var nodes && nodes.Contains("pi-01", StringComparison.Ordinal)
            && nodes.Contains("pi-02", StringComparison.Ordinal), () => "both nodes born");
        using var reports = new CancellationTokenSource();
        bool honestAlive = true;

        // Both report once a second, the heartbeat their births declare. The liar claims a torrent of arrivals that
        // never reach the gateway, a buffer that stays empty all the same, and a forecast no node could carry.
        Task reporting = Task.Run(async () =>
        {
            while (!reports.IsCancellationRequested)
            {
                await liar.ReportAsync(rate: 5000, forecast: 1e6, bufferFill: 0);
                if (Volatile.Read(ref honestAlive))
                {
                    await honest.ReportAsync(rate: 0, forecast: 1);
                }

                await Task.Delay(1000);
            }
        });

        try
        {
            await Eventually.TrueAsync(async () => (await Fleet(gateway)).Quarantine("pi-01") is not null, () => "pi-01 quarantined", 60_000);
            FleetState fleet = await Fleet(gateway);
            Assert.Contains("arrivals", fleet.Quarantine("pi-01"), StringComparison.Ordinal);
            Assert.Null(fleet.Quarantine("pi-02"));
            // The fleet's forecast load is computed at each rebalance (every 5 s), which is also when the autoscaler reads it.
            await Eventually.TrueAsync(async () => (await Fleet(gateway)).ForecastLoad < 1e6, () => "the liar's forecast no longer counted", 30_000);
            string metrics = await gateway.GetAsync("/metrics");
            Assert.Contains("edge_node_quarantined{node=\"pi-01\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("edge_node_quarantined{node=\"pi-02\"} 0", metrics, StringComparison.Ordinal);
            Assert.Contains("edge_fleet_quarantined_nodes 1", metrics, StringComparison.Ordinal);
            Assert.Contains("\"quarantine\"", await gateway.GetAsync("/api/events"), StringComparison.Ordinal);

            // The honest node goes silent: its flows must not move to the quarantined one.
            int[] honestFlows = fleet.FlowsOf("pi-02");
            Assert.NotEmpty(honestFlows);
            Volatile.Write(ref honestAlive, false);
            await Eventually.TrueAsync(async () => (await Fleet(gateway)).State("pi-02") == "dead", () => "pi-02 declared dead", 60_000);
            await Task.Delay(2000);
            FleetState after = await Fleet(gateway);
            Assert.All(honestFlows, flow => Assert.NotEqual("pi-01", after.Owner(flow)));

            // Lifting needs the operator token, not just a local connection.
            using var http = new HttpClient();
            var lift = new Uri("http://127.0.0.1:" + gateway.HttpPort.ToString(CultureInfo.InvariantCulture) + "/api/nodes/pi-01/quarantine/lift");
            using (HttpResponseMessage anonymous = await http.PostAsync(lift, null))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            using var wrong = new HttpRequestMessage(HttpMethod.Post, lift) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
            using (HttpResponseMessage guessed = await http.SendAsync(wrong))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
            }

            Assert.NotNull((await Fleet(gateway)).Quarantine("pi-01"));
            string token = (await File.ReadAllTextAsync(OperatorApi.TokenPathFor(gateway.DatabasePath))).Trim();
            using var right = new HttpRequestMessage(HttpMethod.Post, lift) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            using (HttpResponseMessage lifted = await http.SendAsync(right))
            {
                Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
            }

            // Lifted, and still lying: quarantined again after as many windows. (Whether it then gets flows depends on the
            // stall detector too, since neither board here sends data: tests/Edge.Gateway.Core.Tests/Fleet/QuarantineTests.cs
            // shows a lifted node taking flows again.)
            Assert.Contains("\"quarantine_lifted\"", await gateway.GetAsync("/api/events"), StringComparison.Ordinal);
            Assert.Null((await Fleet(gateway)).Quarantine("pi-01"));
            await Eventually.TrueAsync(async () => (await Fleet(gateway)).Quarantine("pi-01") is not null, () => "pi-01 quarantined again", 60_000);
            Assert.Contains("edge_node_quarantines_total 2", await gateway.GetAsync("/metrics"), StringComparison.Ordinal);
        }
        finally
        {
            await reports.CancelAsync();
            await reporting;
        }
    }

    private static async Task<FleetState> Fleet(SecuredGateway gateway) => new(JsonDocument.Parse(await gateway.GetAsync("/api/fleet")));

    private sealed class FleetState(JsonDocument json)
    {
        private readonly JsonElement _root = json.RootElement.Clone();

        public double ForecastLoad => _root.GetProperty("forecastLoad").GetDouble();

        public string? Quarantine(string node) => _root.GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("node").GetString() == node).GetProperty("quarantine").GetString();

        public string? State(string node) => _root.GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("node").GetString() == node).GetProperty("state").GetString();

        public int[] FlowsOf(string node) => [.. _root.GetProperty("owners").EnumerateArray()
            .Where(o => o.GetProperty("node").GetString() == node).Select(o => o.GetProperty("flow").GetInt32())];

        public string? Owner(int flow) => _root.GetProperty("owners").EnumerateArray()
            .Where(o => o.GetProperty("flow").GetInt32() == flow).Select(o => o.GetProperty("node").GetString()).FirstOrDefault();
    }
}
