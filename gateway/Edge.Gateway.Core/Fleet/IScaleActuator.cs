namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// Acts on the autoscaler's recommendation. The simulator starts and stops virtual boards; a physical fleet
/// has none (the recommendation is published and alerted on instead).
/// </summary>
internal interface IScaleActuator
{
    Task ScaleToAsync(int nodes, CancellationToken cancellationToken);
}
