namespace Edge.Gateway.Core.Fleet;

/// <summary>What a node's report failed in one window (docs/SECURITY.md, "A lying node"); names are metric labels.</summary>
[Flags]
internal enum PlausibilityChecks
{
    None = 0,

    /// <summary>The arrivals it reports do not become committed samples, buffered samples or drops.</summary>
    Arrivals = 1,

    /// <summary>Its forecast is far above anything its flows have carried and anything a node can carry.</summary>
    Forecast = 2,

    /// <summary>It reports much more often than the heartbeat it declared.</summary>
    Heartbeat = 4,

    /// <summary>It sent values far outside their flow's own history.</summary>
    Values = 8,
}
