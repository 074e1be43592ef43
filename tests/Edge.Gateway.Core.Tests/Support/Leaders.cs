using Edge.Gateway.Core.Ports;

namespace Edge.Gateway.Core.Tests.Support;

/// <summary>Roles for parts tested on their own: a gateway that leads (single mode, token 0) and one that stands by.</summary>
internal static class Leaders
{
    public static Leadership Leading(long token = 0)
    {
        var leadership = new Leadership("gw-test", TimeProvider.System);
        leadership.Begin(new LeaderTerm(token, 1));
        return leadership;
    }

    public static Leadership Standing() => new("gw-test", TimeProvider.System);
}
