namespace Edge.Node.Core.Storage
{
    /// <summary>Receives the samples a store reads back, in sequence order.</summary>
    public interface IRecordSink
    {
        /// <summary>One recovered sample; false stops the read (the receiver is full).</summary>
        bool Take(int flow, long sequence, long timeMs, double value);
    }
}
