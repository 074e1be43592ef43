using System.IO;
using Edge.Node.Core.Agent;
using Edge.Protocol;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// The node's own settings, from I:\edge.json on internal flash (put there by nanoff's file deployment). One flat
    /// JSON object read with the core's JsonReader; every member is optional and a member that is present but unusable
    /// keeps its default and is counted in <see cref="Errors"/>. WiFi credentials are not in this file: nanoff writes
    /// them into the device's network configuration block.
    /// </summary>
    public sealed class FlashConfig
    {
        public const string DefaultPath = "I:\\edge.json";

        /// <summary>The lab CA's certificate (PEM, `edge-gateway certs ca`), deployed next to edge.json; read when <see cref="Tls"/> is on.</summary>
        public const string CaPath = "I:\\ca.crt";

        /// <summary>A PEM CA certificate is about 1.2 KB; anything much larger is not one.</summary>
        public const int MaxCaBytes = 4096;
        public const string SourcePulse = "pulse";
        public const string SourceAdc = "adc";

        /// <summary>Larger files are refused rather than read into a small heap.</summary>
        public const int MaxFileBytes = 2048;

        public string Node = "esp32-01";
        public string Site = Topics.DefaultSite;

        /// <summary>"host:port,host:port": the agent tries them in order (see AgentSettings.Brokers).</summary>
        public string Brokers = "192.168.1.10:1883";

        /// <summary>MQTT username: the node id by default, since the broker binds the client id to the username.</summary>
        public string Username;

        /// <summary>MQTT password from `edge-gateway nodes add`; null connects without credentials (loopback-only gateways).</summary>
        public string Password;

        /// <summary>
        /// TLS to the broker (port 8883): M2Mqtt checks the broker's certificate against <see cref="CaPath"/> and the
        /// host name written in <see cref="Brokers"/>. Off by default (plain MQTT, only on a trusted segment).
        /// </summary>
        public bool Tls;

        /// <summary>"pulse" (GPIO edge counter) or "adc" (one ADC1 reading per step).</summary>
        public string Source = SourcePulse;

        /// <summary>The flow id of the local sensor; samples are recorded only while the gateway assigns it here.</summary>
        public int Flow;

        public int PulsePin = 27;
        public int DebounceMs = 10;
        public int AdcChannel = 6;
        public int LedPin = 25;

        /// <summary>Buffer ceiling in blocks of 32 samples (16 bytes each): 32 blocks are 16 KB of a ~79 KB heap.</summary>
        public int BufferCeilingBlocks = 32;

        public int Errors;
        public bool FromFile;

        /// <summary>Reads <paramref name="path"/>; defaults when the file is missing, too large or not a JSON object.</summary>
        public static FlashConfig Load(string path)
        {
            FlashConfig config = new FlashConfig();
            if (!File.Exists(path))
            {
                return config;
            }

            byte[] buffer = new byte[MaxFileBytes];
            int length = 0;
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (stream.Length > MaxFileBytes)
                {
                    config.Errors++;
                    return config;
                }

                int read;
                while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                }
            }

            if (config.Parse(buffer, length) == ProtocolError.None)
            {
                config.FromFile = true;
            }

            return config;
        }

        /// <summary>Applies the members found in <paramref name="json"/>; the object as a whole must parse.</summary>
        public ProtocolError Parse(byte[] json, int length)
        {
            JsonReader reader = new JsonReader();
            ProtocolError error = reader.Parse(json, 0, length);
            if (error != ProtocolError.None)
            {
                Errors++;
                return error;
            }

            Node = ReadId(reader, "node", Node);
            Site = ReadId(reader, "site", Site);
            Brokers = ReadBrokers(reader, "brokers", Brokers);
            // A password from provisioning is URL-safe base64, so the id check fits it as well.
            Username = ReadId(reader, "username", Username);
            Password = ReadId(reader, "password", Password);
            Tls = ReadBool(reader, "tls", Tls);
            Source = ReadSource(reader, "source", Source);
            Flow = ReadInt(reader, "flow", 0, 65535, Flow);
            PulsePin = ReadInt(reader, "pulsePin", 0, 39, PulsePin);
            DebounceMs = ReadInt(reader, "debounceMs", 0, 1000, DebounceMs);
            AdcChannel = ReadInt(reader, "adcChannel", 0, 7, AdcChannel);
            LedPin = ReadInt(reader, "ledPin", 0, 33, LedPin);
            BufferCeilingBlocks = ReadInt(reader, "bufferCeilingBlocks", 4, 4096, BufferCeilingBlocks);
            return ProtocolError.None;
        }

        /// <summary>The broker list split at commas, blanks dropped.</summary>
        public string[] BrokerList()
        {
            string[] parts = Brokers.Split(new char[] { ',' });
            int count = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = parts[i].Trim();
                if (parts[i].Length > 0)
                {
                    count++;
                }
            }

            string[] brokers = new string[count];
            int k = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                if (parts[i].Length > 0)
                {
                    brokers[k++] = parts[i];
                }
            }

            return brokers;
        }

        /// <summary>Copies identity, brokers and buffer size into the agent's settings.</summary>
        public void Apply(AgentSettings settings)
        {
            settings.Node = Node;
            settings.Site = Site;
            settings.Board = "esp32-devkitc";
            // The board's one sensor is its one flow: the gateway places nothing else here.
            settings.Sources = Flow.ToString();
            settings.Capabilities = Source == SourceAdc ? "predict,spill,adc,reboot" : "predict,spill,gpio,reboot";
            string[] brokers = BrokerList();
            if (brokers.Length > 0)
            {
                settings.Brokers = brokers;
            }

            settings.Buffer.CeilingBlocks = BufferCeilingBlocks;
        }

        private string ReadId(JsonReader reader, string name, string fallback)
        {
            string value;
            if (!reader.Has(name))
            {
                return fallback;
            }

            if (reader.GetString(name, out value) != ProtocolError.None || !Fields.IsValidId(value))
            {
                Errors++;
                return fallback;
            }

            return value;
        }

        private string ReadBrokers(JsonReader reader, string name, string fallback)
        {
            string value;
            if (!reader.Has(name))
            {
                return fallback;
            }

            if (reader.GetString(name, out value) != ProtocolError.None || value.Trim().Length == 0)
            {
                Errors++;
                return fallback;
            }

            return value;
        }

        private string ReadSource(JsonReader reader, string name, string fallback)
        {
            string value;
            if (!reader.Has(name))
            {
                return fallback;
            }

            if (reader.GetString(name, out value) != ProtocolError.None || (value != SourcePulse && value != SourceAdc))
            {
                Errors++;
                return fallback;
            }

            return value;
        }

        /// <summary>The CA certificate's PEM text from <paramref name="path"/>, or null when it is missing, empty or too large.</summary>
        public static string ReadCa(string path)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            byte[] buffer = new byte[MaxCaBytes];
            int length = 0;
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (stream.Length > MaxCaBytes)
                {
                    return null;
                }

                int read;
                while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                }
            }

            return length == 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        }

        private bool ReadBool(JsonReader reader, string name, bool fallback)
        {
            bool value;
            if (!reader.Has(name))
            {
                return fallback;
            }

            if (reader.GetBool(name, out value) != ProtocolError.None)
            {
                Errors++;
                return fallback;
            }

            return value;
        }

        private int ReadInt(JsonReader reader, string name, int min, int max, int fallback)
        {
            long value;
            if (!reader.Has(name))
            {
                return fallback;
            }

            if (reader.GetLong(name, out value) != ProtocolError.None || value < min || value > max)
            {
                Errors++;
                return fallback;
            }

            return (int)value;
        }
    }
}
