namespace Edge.Node.Pi.Tests.Sources.Fakes;

/// <summary>
/// A register-level Bosch BME280, built from its datasheet (BST-BME280-DS002, rev. 1.6):
/// section 5.3 "Memory map" (Table 18) for the addresses, 5.4.1 chip id 0x60 at 0xD0, 5.4.2 soft reset (0xB6 written
/// to 0xE0), 5.4.3 ctrl_hum 0xF2, 5.4.5 ctrl_meas 0xF4 (mode bits [1:0]: 00 sleep, 01/10 forced, 11 normal), 5.4.7 -
/// 5.4.9 the data registers press 0xF7 - 0xF9, temp 0xFA - 0xFC (20 bits, msb first, xlsb in bits [7:4]) and hum
/// 0xFD - 0xFE (16 bits, msb first) with their reset value 0x80000 / 0x8000, and 4.2.2 "Trimming parameter readout"
/// (Table 16) for the calibration words: dig_T1..dig_P9 little-endian from 0x88, dig_H1 at 0xA1, dig_H2 at 0xE1,
/// dig_H3 at 0xE3, dig_H4 = 0xE4[7:0] &lt;&lt; 4 | 0xE5[3:0], dig_H5 = 0xE6[7:0] &lt;&lt; 4 | 0xE5[7:4], dig_H6 at 0xE7.
/// The raw ADC values a measurement produces are set by the test; the sensor's own compensation is the binding's.
/// </summary>
internal sealed class Bme280Fake : RegisterFileDevice
{
    public const byte ChipId = 0x60;

    public Bme280Fake(int busId = 1, int address = 0x76, byte chipId = ChipId)
        : base(busId, address)
    {
        Registers[0xD0] = chipId;
        Calibrate(BmpExample);
        Humidity(75, 362, 0, 313, 50, 30);
        ResetData();
    }

    /// <summary>
    /// The calibration and raw values of the worked example in Bosch's BMP280 datasheet (BST-BMP280-DS001, section
    /// 3.12, "Calculating pressure and temperature"), whose temperature and pressure compensation the BME280 shares
    /// (BME280 datasheet section 4.2.3): adc_T 519888 gives 25.08 °C, adc_P 415148 gives 100653.27 Pa.
    /// </summary>
    public static readonly int[] BmpExample = [27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000];

    public const int ExampleAdcT = 519888;
    public const int ExampleAdcP = 415148;

    public int AdcT { get; set; } = ExampleAdcT;

    public int AdcP { get; set; } = ExampleAdcP;

    public int AdcH { get; set; } = 30_000;

    public int Mode => Registers[0xF4] & 0b11;

    /// <summary>dig_T1..dig_T3 then dig_P1..dig_P9, little-endian 16-bit words from 0x88 (Table 16).</summary>
    public void Calibrate(int[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            Registers[0x88 + (2 * i)] = (byte)words[i];
            Registers[0x89 + (2 * i)] = (byte)(words[i] >> 8);
        }
    }

    public void Humidity(byte h1, short h2, byte h3, short h4, short h5, sbyte h6)
    {
        Registers[0xA1] = h1;
        Registers[0xE1] = (byte)h2;
        Registers[0xE2] = (byte)(h2 >> 8);
        Registers[0xE3] = h3;
        Registers[0xE4] = (byte)(h4 >> 4);
        Registers[0xE5] = (byte)((h4 & 0x0F) | ((h5 & 0x0F) << 4));
        Registers[0xE6] = (byte)(h5 >> 4);
        Registers[0xE7] = (byte)h6;
    }

    protected override byte OnRead(int register)
    {
        if (register is >= 0xF7 and <= 0xFE && Mode == 0b11)
        {
            // Normal mode measures continuously (section 3.3.4): the data registers hold the latest conversion.
            LoadData();
        }

        return register == 0xF3 ? (byte)0 : Registers[register];
    }

    protected override void OnWrite(int register, byte value)
    {
        switch (register)
        {
            case 0xE0 when value == 0xB6:
                Registers[0xF2] = 0;
                Registers[0xF4] = 0;
                Registers[0xF5] = 0;
                ResetData();
                break;
            case 0xF2 or 0xF5:
                Registers[register] = value;
                break;
            case 0xF4:
                Registers[register] = value;
                if ((value & 0b11) != 0)
                {
                    LoadData();
                }

                break;
            default:
                // Chip id, calibration and data registers are read-only (Table 18).
                break;
        }
    }

    private void LoadData()
    {
        Put20(0xF7, AdcP);
        Put20(0xFA, AdcT);
        Registers[0xFD] = (byte)(AdcH >> 8);
        Registers[0xFE] = (byte)AdcH;
    }

    private void ResetData()
    {
        Put20(0xF7, 0x80000);
        Put20(0xFA, 0x80000);
        Registers[0xFD] = 0x80;
        Registers[0xFE] = 0x00;
    }

    private void Put20(int register, int value)
    {
        Registers[register] = (byte)(value >> 12);
        Registers[register + 1] = (byte)(value >> 4);
        Registers[register + 2] = (byte)((value & 0x0F) << 4);
    }
}
