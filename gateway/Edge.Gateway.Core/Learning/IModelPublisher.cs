namespace Edge.Gateway.Core.Learning;

/// <summary>
/// Delivers a model to the nodes through the retained config they already read (docs/PROTOCOL.md, "model" members),
/// or withdraws it so nodes fall back to their classical predictor.
/// </summary>
internal interface IModelPublisher
{
    void Publish(ModelRelease release);

    void Withdraw();
}
