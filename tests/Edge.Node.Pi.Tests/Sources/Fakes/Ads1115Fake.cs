namespace Edge.Node.Pi.Tests.Sources.Fakes;

/// <summary>
/// A register-level TI ADS1115, built from its datasheet (SBAS444D): section 9.6 "Register Map" - the address
/// pointer register (Table 6: 00 conversion, 01 config, 10 Lo_thresh, 11 Hi_thresh), 16-bit registers sent msb
/// first; 9.6.1 the conversion register (two's complement); 9.6.3 the config register (Table 8: OS bit 15 - written 1
/// starts a single conversion, read 1 when no conversion is running; MUX bits 14:12, 100 - 111 = AIN0 - AIN3 against
/// GND, 000 = AIN0 - AIN1; PGA bits 11:9 = FSR 6.144, 4.096, 2.048, 1.024, 0.512, 0.256 V; MODE bit 8, 1 = single-shot;
/// reset value 0x8583); 9.3.3 "Full-Scale Range (FSR) and LSB Size" (Table 3): code = V / FSR x 2^15, clipped to
/// 0x7FFF and 0x8000. The analog inputs are set by the test; conversions complete at once.
/// </summary>
internal sealed class Ads1115Fake(int busId = 1, int address = 0x48) : RegisterFileDevice(busId, address)
{
    private static readonly double[] FullScale = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];
    private readonly ushort[] _registers = [0x0000, 0x8583, 0x8000, 0x7FFF];

    /// <summary>Volts on AIN0 - AIN3.</summary>
    public double[] Inputs { get; } = new double[4];

    public int Conversions { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        base.Write(buffer.Length > 0 ? buffer[..1] : buffer);
        if (buffer.Length >= 3)
        {
            WriteRegister(buffer[0] & 0b11, (ushort)((buffer[1] << 8) | buffer[2]));
        }
    }

    public override void Read(Span<byte> buffer)
    {
        // The pointer stays where it was set (no auto-increment on this chip, unlike the BME280's burst reads).
        int register = Pointer & 0b11;
        base.Read(buffer);
        Pointer = register;
        ushort value = _registers[register];
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = i % 2 == 0 ? (byte)(value >> 8) : (byte)value;
        }
    }

    private void WriteRegister(int register, ushort value)
    {
        if (register == 0)
        {
            return; // The conversion register is read-only.
        }

        // OS reads back 1: the conversion a written 1 started is already done.
        _registers[register] = register == 1 ? (ushort)(value | 0x8000) : value;
        if (register == 1 && (value & 0x8000) != 0)
        {
            int mux = (value >> 12) & 0b111;
            double volts = mux >= 4 ? Inputs[mux - 4] : Differential(mux);
            double code = Math.Round(volts / FullScale[(value >> 9) & 0b111] * 32768);
            _registers[0] = (ushort)(short)Math.Clamp(code, short.MinValue, short.MaxValue);
            Conversions++;
        }
    }

    private double Differential(int mux) => mux switch
    {
        0 => Inputs[0] - Inputs[1],
        1 => Inputs[0] - Inputs[3],
        2 => Inputs[1] - Inputs[3],
        _ => Inputs[2] - Inputs[3],
    };
}
