namespace Edge.Gateway.Core.Flows;

internal enum SequenceVerdict
{
    /// <summary>Starts at or before the next expected sequence and adds new samples (a leading overlap is trimmed).</summary>
    Accept,

    /// <summary>Every sample is already accepted.</summary>
    Duplicate,

    /// <summary>Starts after the next expected sequence: samples are missing in between.</summary>
    Gap,
}
