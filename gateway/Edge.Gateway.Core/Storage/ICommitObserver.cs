using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Storage;

/// <summary>Told about each group after its transaction committed: only then may acks go out.</summary>
internal interface ICommitObserver
{
    Task OnCommittedAsync(IReadOnlyList<IngestedBatch> group, CancellationToken cancellationToken);
}
