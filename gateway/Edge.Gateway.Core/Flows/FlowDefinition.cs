namespace Edge.Gateway.Core.Flows;

/// <summary>One configured flow: the balancer's weight and the nodes allowed to carry it (empty: any node).</summary>
internal sealed record FlowDefinition(int Id, double Weight, IReadOnlySet<string> EligibleNodes)
{
    public bool IsEligible(string node) => EligibleNodes.Count == 0 || EligibleNodes.Contains(node);
}
