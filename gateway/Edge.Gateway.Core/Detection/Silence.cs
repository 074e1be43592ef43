namespace Edge.Gateway.Core.Detection;

/// <summary>
/// How quiet the fleet is at one judgement: of the nodes past their warm-up (<paramref name="Judged"/>), how many
/// are <paramref name="Uneasy"/> (silent for two of their mean intervals or more: 0.5 s at the default heartbeat).
/// </summary>
internal readonly record struct Silence(int Uneasy, int Judged);
