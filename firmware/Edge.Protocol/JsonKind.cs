namespace Edge.Protocol
{
    /// <summary>What a JSON member holds, and so which rule its reader applies.</summary>
    public enum JsonKind
    {
        /// <summary>Any string.</summary>
        Text,

        /// <summary>A node, gateway or site id: 1..64 of [A-Za-z0-9_.-] (it becomes a topic level).</summary>
        Id,

        /// <summary>An id, or the empty string (a flow without an owner).</summary>
        IdOrEmpty,

        /// <summary>An integer in [0, Max]; a negative one is <see cref="ProtocolError.NegativeValue"/>.</summary>
        Count,

        /// <summary>An integer in [Min, Max].</summary>
        Integer,

        /// <summary>A finite number, not negative (rates, forecasts, weights).</summary>
        Amount,

        /// <summary>Any finite number (rollup statistics of signed samples).</summary>
        Real,

        /// <summary>true or false.</summary>
        Flag,

        /// <summary>Bytes as a base64 string, at most Max bytes once decoded (a model's weights).</summary>
        Bytes,
    }
}
