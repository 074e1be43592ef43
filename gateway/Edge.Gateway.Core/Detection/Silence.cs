namespace Edge.Gateway.Core.Detection;

/// <summary>
/// How quiet the fleet is at one judgement: of the nodes past their warm-up (<paramref name="Judged"/>), how many
/// are <paramref name="Uneasy"/> (phi at half the threshold or more, about 0.8 s of silence at the defaults).
/// </summary>
internal readonly record struct Silence(int Uneasy, int Judged);
