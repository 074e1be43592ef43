namespace Edge.Node.Pi.Sources;

/// <summary>One physical quantity of a device on the I2C bus, read through its Iot.Device binding.</summary>
internal interface ISensor : IDisposable
{
    /// <summary>Takes one reading in the flow's unit; throws IOException (or TimeoutException) when the bus or device fails.</summary>
    double Read();
}
