namespace Edge.Gateway.Core.Election;

/// <summary>How a gateway becomes the site's primary; docs/ARCHITECTURE.md (high availability) explains the defaults.</summary>
internal sealed class ElectionOptions
{
    /// <summary>
    /// Single mode: how long a starting gateway listens for another primary's retained state before it acts as
    /// primary itself. The broker sends retained states right after the subscription, well inside this.
    /// </summary>
    public TimeSpan StartupGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>HA mode: the etcd lease's time to live; renewed every third of it, so two renewals may fail in a row.</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>HA mode: the etcd election's name (a key prefix), one per site.</summary>
    public string Name(string site) => "edge/v1/" + site + "/leader";
}
