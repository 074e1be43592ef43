using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Core.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class NodeRegistryTests
{
    private readonly NodeRegistry _sessions = new();

    [Fact]
    public void A_late_will_from_an_older_session_does_not_mark_the_node_dead()
    {
        _sessions.Birth("n1", Birth(1), 0);
        _sessions.Birth("n1", Birth(2), 10);

        SessionUpdate update = _sessions.State("n1", online: false, session: 1, 20);

        Assert.Equal(SessionUpdate.Stale, update);
        Assert.True(_sessions.Get("n1")!.Online);
        Assert.Equal(2, _sessions.Get("n1")!.Session);
    }

    [Fact]
    public void A_will_from_the_current_session_marks_the_node_dead()
    {
        _sessions.Birth("n1", Birth(3), 0);
        _sessions.State("n1", online: false, session: 3, 5);
        Assert.False(_sessions.Get("n1")!.Online);
    }

    [Fact]
    public void A_birth_with_an_older_session_is_ignored()
    {
        _sessions.Birth("n1", Birth(5), 0);
        Assert.Equal(SessionUpdate.Stale, _sessions.Birth("n1", Birth(4), 1));
        Assert.Equal(5, _sessions.Get("n1")!.Session);
    }

    [Fact]
    public void Data_needs_a_live_session_with_the_same_number()
    {
        Assert.Equal(SessionUpdate.Unknown, _sessions.CheckData("n1", 1));
        _sessions.Birth("n1", Birth(2), 0);
        Assert.Equal(SessionUpdate.Stale, _sessions.CheckData("n1", 1));
        Assert.Equal(SessionUpdate.Applied, _sessions.CheckData("n1", 2));
        _sessions.State("n1", online: false, session: 2, 1);
        Assert.Equal(SessionUpdate.Unknown, _sessions.CheckData("n1", 2));
    }

    [Fact]
    public void Telemetry_updates_load_and_last_seen_for_the_current_session_only()
    {
        _sessions.Birth("n1", Birth(2), 0);
        Assert.Equal(SessionUpdate.Stale, _sessions.Telemetry("n1", Telemetry(session: 1, fill: 9, forecast: 0), 50));
        Assert.Equal(SessionUpdate.Applied, _sessions.Telemetry("n1", Telemetry(session: 2, fill: 7, forecast: 3.5), 60));
        NodeRecord node = _sessions.Get("n1")!;
        Assert.Equal(7, node.BufferFill);
        Assert.Equal(3.5, node.Forecast);
        Assert.Equal(60, node.LastSeenMs);
    }

    private static NodeBirth Birth(long session) => new("n1", session, HeartbeatMs: 1000, MaxFlows: 0, BufferCapacity: 10);

    private static NodeTelemetry Telemetry(long session, long fill, double forecast) => new(session, fill, 10, 0, forecast, 0, false, false, 0);
}
