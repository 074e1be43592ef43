using System.Globalization;
using Edge.Node.Pi.Storage;
using Edge.Node.Pi.Tests.Fixtures;
using Edge.Node.Sim.Fleet;

namespace Edge.Node.Pi.Tests.Integration;

/// <summary>
/// The Pi node as a real process (dotnet Edge.Node.Pi.dll) behind a loopback proxy to the gateway's broker. The
/// proxy is paused so acknowledgements stop and samples pile up in the spill; the node is killed with SIGKILL,
/// started again, and the proxy resumed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PiNodeRestartTests : IDisposable
{
    private const int Flow = 9;
    private const int Rows = 2400;
    private const string NodeId = "pi-01";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_Raspberry_Pi_node_restarted_mid_stream_resumes_from_its_spilled_buffer()
    {
        double[] values = PiNodeConfig.Values(Rows);
        int mqtt = FreePort.Next();
        await using GatewayChild gateway = await GatewayChild.StartAsync(_dir.File("gw.db"), mqtt, FreePort.Next(), Flow + ":1:" + NodeId);
        using var link = new FlakyLink("127.0.0.1", mqtt);
        string config = PiNodeConfig.Write(_dir.File("pi"), NodeId, link.Port, Flow, values, rate: 200);
        string spill = PiNodeConfig.SpillDirectory(config);

        // 1. Running: the gateway commits what the node replays.
        await using (ChildProcess first = PiNode(config))
        {
            await Eventually.TrueAsync(async () => (await gateway.FlowAsync(Flow)).Committed >= 100, () => "first commits\n" + first.Output());

            // 2. Partition: nothing reaches the gateway, no ack comes back, the spill grows.
            link.Pause();
            await Eventually.TrueAsync(() => Held(spill) >= 300, () => "300 unacknowledged samples spilled\n" + first.Output());

            // 3. kill -9 while it holds them.
            await first.KillAsync();
        }

        SpillContents atKill = SpillContents.Read(SpillStore.SegmentPath(spill, Flow))!;
        long ackedAtKill = SpillMark.Read(SpillStore.MarkPath(spill, Flow))!.Value.Next;
        long heldAtKill = atKill.End - ackedAtKill;
        long committedAtKill = (await gateway.FlowAsync(Flow)).Committed;
        Assert.True(heldAtKill >= 300, "held at the kill: " + heldAtKill);
        Assert.True(committedAtKill < atKill.End && atKill.End < Rows, "the kill lands mid-stream with samples the gateway never saw");

        // 4. A new process: it reloads the spill, reconnects once the link is back, and finishes the file.
        link.Kill();
        link.Resume();
        await using ChildProcess second = PiNode(config);
        string restored = string.Create(CultureInfo.InvariantCulture, $"restored flow {Flow}: {heldAtKill} samples from sequence {ackedAtKill}");
        await Eventually.TrueAsync(() => second.Printed(restored), () => "'" + restored + "'\n" + second.Output());
        await Eventually.TrueAsync(async () => (await gateway.FlowAsync(Flow)).Committed == Rows, () => "all rows committed\n" + second.Output(), 90_000);

        // No double count: as many samples as sequences, and their sum is the file's.
        var (committed, count, sum) = await gateway.FlowAsync(Flow);
        Assert.Equal((long)Rows, committed);
        Assert.Equal((long)Rows, count);
        Assert.Equal(values.Sum(), sum, 6);

        // No loss, exactly: the stored batches, decoded in sequence order, are the file's values bit for bit.
        var batches = gateway.Batches(Flow);
        Assert.Equal(values, batches.SelectMany(b => b.Values));
        Assert.All(batches, b => Assert.Equal(NodeId, b.Node));

        // The spilled samples the gateway had not committed came from the restarted process's new session.
        long firstSession = batches[0].Session;
        var lastSpilled = batches.Single(b => b.First <= atKill.End - 1 && atKill.End - 1 < b.First + b.Values.Length);
        Assert.True(lastSpilled.Session > firstSession, "the last spilled sample was sent by the new session");
        Assert.Contains(batches, b => b.Session > firstSession && b.First < atKill.End && b.First + b.Values.Length > committedAtKill);
    }

    public void Dispose() => _dir.Dispose();

    private static ChildProcess PiNode(string config)
    {
        string dll = RepoPaths.PiDll();
        Assert.True(File.Exists(dll), "Pi node not built: " + dll);
        return ChildProcess.Start("dotnet", [dll, "--config", config]);
    }

    /// <summary>Samples on disk above the acknowledged watermark, read the way the node reads them at start-up.</summary>
    private static long Held(string spill)
    {
        SpillContents? contents = SpillContents.Read(SpillStore.SegmentPath(spill, Flow));
        SpillMark? mark = SpillMark.Read(SpillStore.MarkPath(spill, Flow));
        return contents is null || mark is null ? 0 : contents.End - Math.Max(mark.Value.Next, contents.Start);
    }
}
