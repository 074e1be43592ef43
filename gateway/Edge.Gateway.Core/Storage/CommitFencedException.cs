namespace Edge.Gateway.Core.Storage;

/// <summary>A commit refused in its own transaction because a newer leader claimed the store: this gateway lost the election.</summary>
internal sealed class CommitFencedException(long token, long current)
    : Exception($"commit under leadership token {token} refused: the store's token is {current}")
{
    public long Token { get; } = token;

    public long Current { get; } = current;
}
