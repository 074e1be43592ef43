using System.Text.Json;
using Edge.Bench.Fleet;

namespace Edge.Bench.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class FleetWatchTests
{
    [Fact]
    public void Suspected_and_dead_nodes_both_count_as_not_online()
    {
        using JsonDocument fleet = JsonDocument.Parse("""
            {"liveNodes":2,"failovers":5,"nodes":[{"node":"a","state":"online"},{"node":"b","state":"suspected"},{"node":"c","state":"dead"}]}
            """);
        Assert.Equal((2, 5L, 2), FleetWatch.Read(fleet.RootElement));
    }
}
