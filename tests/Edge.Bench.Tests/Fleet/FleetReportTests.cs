using Edge.Bench.Fleet;
using Edge.Bench.Harness;

namespace Edge.Bench.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class FleetReportTests
{
    [Fact]
    public void A_figure_the_gateway_did_not_answer_for_is_written_not_fatal()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "fleet.json");
        var row = new FleetRow { Broker = "embedded", Boards = 10_000, ReceivedHeartbeatsPerSec = double.NaN, ConnectionsLost = 3, Reconnects = 3 };

        new FleetReport(new FleetBenchOptions(), [row]).Write(path);

        string json = File.ReadAllText(path);
        Assert.Contains("\"receivedHeartbeatsPerSec\": \"NaN\"", json, StringComparison.Ordinal);
        Assert.Contains("\"connectionsLost\": 3", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateway_is_told_to_keep_state_for_every_board_of_the_run()
    {
        Assert.Equal(["--max-nodes", "10004"], GatewayUnderTest.NodeLimit(10_004));
    }
}
