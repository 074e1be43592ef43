namespace Edge.Node.Pi.Storage;

/// <summary>A flow as the spill directory gave it back at start-up: its state and the samples still unacknowledged.</summary>
internal sealed record RestoredFlow(int Flow, long Epoch, bool Serving, long FirstSequence, int Samples, bool Complete);
