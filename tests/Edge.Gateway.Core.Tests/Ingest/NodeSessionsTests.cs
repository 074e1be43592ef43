using Edge.Gateway.Core.Ingest;
using Edge.Protocol;

namespace Edge.Gateway.Core.Tests.Ingest;

[Trait("Category", "Unit")]
public sealed class NodeSessionsTests
{
    private readonly NodeSessions _sessions = new();

    [Fact]
    public void A_late_will_from_an_older_session_does_not_mark_the_node_dead()
    {
        _sessions.OnBirth("n1", Birth(1), 0);
        _sessions.OnBirth("n1", Birth(2), 10);

        SessionUpdate update = _sessions.OnState("n1", new NodeStateMessage { Online = false, Session = 1 }, 20);

        Assert.Equal(SessionUpdate.Stale, update);
        Assert.True(_sessions.Get("n1")!.Online);
        Assert.Equal(2, _sessions.Get("n1")!.Session);
    }

    [Fact]
    public void A_will_from_the_current_session_marks_the_node_dead()
    {
        _sessions.OnBirth("n1", Birth(3), 0);
        _sessions.OnState("n1", new NodeStateMessage { Online = false, Session = 3 }, 5);
        Assert.False(_sessions.Get("n1")!.Online);
    }

    [Fact]
    public void A_birth_with_an_older_session_is_ignored()
    {
        _sessions.OnBirth("n1", Birth(5), 0);
        Assert.Equal(SessionUpdate.Stale, _sessions.OnBirth("n1", Birth(4), 1));
        Assert.Equal(5, _sessions.Get("n1")!.Session);
    }

    [Fact]
    public void Data_needs_a_live_session_with_the_same_number()
    {
        Assert.Equal(RejectReasons.NoSession, _sessions.CheckData("n1", 1, 0));
        _sessions.OnBirth("n1", Birth(2), 0);
        Assert.Equal(RejectReasons.StaleSession, _sessions.CheckData("n1", 1, 0));
        Assert.Null(_sessions.CheckData("n1", 2, 0));
        _sessions.OnState("n1", new NodeStateMessage { Online = false, Session = 2 }, 1);
        Assert.Equal(RejectReasons.NoSession, _sessions.CheckData("n1", 2, 0));
    }

    [Fact]
    public void Telemetry_updates_load_and_last_seen_for_the_current_session_only()
    {
        _sessions.OnBirth("n1", Birth(2), 0);
        Assert.Equal(SessionUpdate.Stale, _sessions.OnTelemetry("n1", new TelemetryMessage { Session = 1, BufferFill = 9 }, 50));
        Assert.Equal(SessionUpdate.Applied, _sessions.OnTelemetry("n1", new TelemetryMessage { Session = 2, BufferFill = 7, Forecast = 3.5 }, 60));
        NodeSession node = _sessions.Get("n1")!;
        Assert.Equal(7, node.BufferFill);
        Assert.Equal(3.5, node.Forecast);
        Assert.Equal(60, node.LastSeenMs);
    }

    private static BirthMessage Birth(long session) => new() { Node = "n1", Session = session, HeartbeatMs = 1000, BufferCapacity = 10 };
}
