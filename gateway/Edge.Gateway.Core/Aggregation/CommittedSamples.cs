using System.Buffers;

namespace Edge.Gateway.Core.Aggregation;

/// <summary>One committed group's samples per flow, in rented arrays given back once aggregated.</summary>
internal sealed class CommittedSamples
{
    private double[] _values;
    private int[] _flows;
    private int[] _counts;
    private int _batches;
    private int _length;

    public CommittedSamples(int batches, int samples)
    {
        _values = ArrayPool<double>.Shared.Rent(Math.Max(1, samples));
        _flows = ArrayPool<int>.Shared.Rent(Math.Max(1, batches));
        _counts = ArrayPool<int>.Shared.Rent(Math.Max(1, batches));
    }

    /// <summary>Unix milliseconds of the commit: the window the samples count in.</summary>
    public long AtMs { get; set; }

    public void Add(int flow, ReadOnlySpan<double> values)
    {
        if (_batches == _flows.Length)
        {
            Grow(ref _flows, _batches * 2);
            Grow(ref _counts, _batches * 2);
        }

        if (_length + values.Length > _values.Length)
        {
            Grow(ref _values, Math.Max(_values.Length * 2, _length + values.Length));
        }

        values.CopyTo(_values.AsSpan(_length));
        _flows[_batches] = flow;
        _counts[_batches] = values.Length;
        _batches++;
        _length += values.Length;
    }

    /// <summary>Into the aggregator in commit order, then the arrays go back to the pool.</summary>
    public void AddTo(Aggregator aggregator)
    {
        int offset = 0;
        for (int i = 0; i < _batches; i++)
        {
            aggregator.Add(_flows[i], _values.AsSpan(offset, _counts[i]), AtMs);
            offset += _counts[i];
        }

        ArrayPool<double>.Shared.Return(_values);
        ArrayPool<int>.Shared.Return(_flows);
        ArrayPool<int>.Shared.Return(_counts);
        _values = [];
        _flows = [];
        _counts = [];
        _batches = 0;
        _length = 0;
    }

    private static void Grow<T>(ref T[] array, int size)
    {
        T[] larger = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan().CopyTo(larger);
        ArrayPool<T>.Shared.Return(array);
        array = larger;
    }
}
