using System.Device.I2c;

namespace Edge.Node.Pi.Tests.Sources.Fakes;

/// <summary>
/// An I2C device as the bus sees it, at the level of System.Device.I2c's own abstraction: a register pointer set by
/// the first byte of a write, data bytes written or read at the pointer with auto-increment (the BME280's and most
/// sensors' burst access). <see cref="BusDown"/> makes every transfer fail the way Linux's i2c-dev does when nothing
/// acknowledges the address (the device is absent, unpowered or its wires are off): an IOException, as
/// System.Device.Gpio's UnixI2cDevice throws it.
/// </summary>
internal abstract class RegisterFileDevice(int busId, int address) : I2cDevice
{
    protected byte[] Registers { get; } = new byte[256];

    protected int Pointer { get; set; }

    public bool BusDown { get; set; }

    public int Transfers { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Transfer();
        if (buffer.IsEmpty)
        {
            return;
        }

        Pointer = buffer[0];
        for (int i = 1; i < buffer.Length; i++)
        {
            OnWrite(Pointer, buffer[i]);
            Pointer = (Pointer + 1) & 0xFF;
        }
    }

    public override void Read(Span<byte> buffer)
    {
        Transfer();
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = OnRead(Pointer);
            Pointer = (Pointer + 1) & 0xFF;
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    protected virtual byte OnRead(int register) => Registers[register];

    protected virtual void OnWrite(int register, byte value) => Registers[register] = value;

    private void Transfer()
    {
        Transfers++;
        if (BusDown)
        {
            throw new IOException("Error 121 performing I2C data transfer.");
        }
    }
}
