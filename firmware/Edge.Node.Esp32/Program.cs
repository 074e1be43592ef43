using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Device.Wifi;
using System.IO;
using System.Net.NetworkInformation;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Edge.Node.Core.Agent;
using nanoFramework.Networking;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// The ESP32 node: config → LED → WiFi → clock → session store → local sensor → agent, then one loop that hands
    /// received messages to the agent, records the sensor once per step and ticks the agent every 50 ms. Everything
    /// that touches the agent runs on this one thread.
    /// </summary>
    public static class Program
    {
        private const int TickMs = 50;
        private const int InboxCapacity = 32;
        private const int WifiTimeoutMs = 60000;
        private const int RebootDelayMs = 10000;

        public static void Main()
        {
            // 1. Config from I:\edge.json (nanoff --filedeployment), or defaults. Read first: it names the LED pin.
            FlashConfig config = LoadConfig();

            // 2. Status LED: off until the agent runs, then it shows the agent's state.
            GpioController gpio = new GpioController();
            StatusLed led = new StatusLed(gpio, config.LedPin);

            // 3. WiFi with the credentials nanoff stored (--networkdeployment); waits for DHCP and SNTP time.
            if (!ConnectWifi())
            {
                Log("WiFi failed; rebooting in 10 s");
                BlinkThenReboot(led);
                return;
            }

            // 4. The agent's clock: Unix ms from the SNTP-set wall clock, advanced by the monotonic tick.
            UnixClock clock = UnixClock.Start();

            // 5. Session store on internal flash, so a Will from before a reboot never kills the session after it.
            FlashSessionStore sessions = new FlashSessionStore(FlashSessionStore.DefaultPath, clock.Now());

            // 6. The local sensor: a GPIO pulse counter or an ADC1 channel, one value per buffer step.
            IStepSource source = config.Source == FlashConfig.SourceAdc
                ? new AdcSource(new AdcController(), config.AdcChannel)
                : (IStepSource)new PulseSource(gpio, config.PulsePin, config.DebounceMs);

            // 7. The agent, written once in Edge.Node.Core, with the ESP32's transport, host and session store.
            AgentSettings settings = new AgentSettings();
            config.Apply(settings);
            InboxQueue inbox = new InboxQueue(InboxCapacity);
            // TLS on means TLS or nothing: without a readable CA the board never falls back to sending its password in clear.
            X509Certificate ca = null;
            if (config.Tls)
            {
                string pem = FlashConfig.ReadCa(FlashConfig.CaPath);
                if (pem == null)
                {
                    Log("tls is on but " + FlashConfig.CaPath + " is missing or too large; rebooting in 10 s");
                    BlinkThenReboot(led);
                    return;
                }

                ca = new X509Certificate(pem);
            }

            M2MqttTransport mqtt = new M2MqttTransport(inbox, config.Username == null ? config.Node : config.Username, config.Password, ca);
            Random random = new Random(unchecked((int)Environment.TickCount64) ^ config.Node.GetHashCode());
            Esp32Host host = new Esp32Host();
            NodeAgent agent = new NodeAgent(settings, mqtt, host, sessions, random);
            Log("node " + settings.Node + " at site " + settings.Site + ", flow " + config.Flow.ToString());

            // 8. The flash ring (I:\edge-ring-NN.blk): what was unacknowledged before a reboot goes back into the agent
            //    before it first connects, and from now on every sample left unacknowledged reaches flash in whole blocks.
            FlashRing ring = new FlashRing(FlashFile.Ring(FlashFile.RingPrefix, FlashRing.DefaultSlots), FlashRing.DefaultBlockBytes, settings.MaxFlows);
            ring.RestoreInto(agent);
            host.FlushBeforeReboot(ring, agent);
            Log("flash ring: " + ring.RestoredSamples.ToString() + " samples of " + ring.RestoredFlows.ToString() + " flow(s) restored, "
                + ring.UnreadableSlots.ToString() + " torn or corrupt block(s) skipped");

            // 9. The loop: inbox → agent, sensor → agent once per step, ring, agent.Tick, LED; every 50 ms, forever.
            long nextSampleMs = clock.Now() + settings.StepMs;
            while (true)
            {
                try
                {
                    long now = clock.Now();
                    InboundMessage message;
                    while ((message = inbox.Dequeue()) != null)
                    {
                        agent.Receive(message.Topic, message.Payload, message.Payload.Length, now);
                    }

                    if (now >= nextSampleMs)
                    {
                        // Taken every step, served or not, so a count never spans more than one step.
                        double value = source.TakeStep();
                        if (agent.IsServing(config.Flow))
                        {
                            agent.Record(config.Flow, now, value);
                        }

                        nextSampleMs += settings.StepMs;
                        if (nextSampleMs <= now)
                        {
                            nextSampleMs = now + settings.StepMs;
                        }
                    }

                    ring.Sync(agent, now);
                    agent.Spilled = ring.SamplesWritten;
                    agent.Tick(now);
                    led.Show(agent.State, now);
                }
                catch (Exception ex)
                {
                    // The agent never throws on bad input; this guards the glue (a flash or GPIO fault) from ending Main.
                    Log("loop: " + ex.Message);
                }

                Thread.Sleep(TickMs);
            }
        }

        private static FlashConfig LoadConfig()
        {
            try
            {
                FlashConfig config = FlashConfig.Load(FlashConfig.DefaultPath);
                Log(config.FromFile ? "config from " + FlashConfig.DefaultPath : "config: defaults");
                if (config.Errors > 0)
                {
                    Log("config: " + config.Errors.ToString() + " member(s) ignored");
                }

                return config;
            }
            catch (IOException)
            {
                Log("config: I: not readable, defaults");
                return new FlashConfig();
            }
        }

        private static bool ConnectWifi()
        {
            Wireless80211Configuration[] stored = Wireless80211Configuration.GetAllWireless80211Configurations();
            if (stored.Length == 0 || stored[0].Ssid == null || stored[0].Ssid.Length == 0)
            {
                Log("no WiFi credentials stored: deploy them with nanoff (hardware/esp32-devkitc/README.md)");
                return false;
            }

            CancellationTokenSource timeout = new CancellationTokenSource(WifiTimeoutMs);
            return WifiNetworkHelper.ConnectDhcp(stored[0].Ssid, stored[0].Password, WifiReconnectionKind.Automatic, true, 0, timeout.Token);
        }

        private static void BlinkThenReboot(StatusLed led)
        {
            for (int elapsed = 0; elapsed < RebootDelayMs; elapsed += TickMs)
            {
                led.Show(AgentState.Disconnected, elapsed);
                Thread.Sleep(TickMs);
            }

            nanoFramework.Runtime.Native.Power.RebootDevice();
        }

        private static void Log(string line)
        {
            Console.WriteLine("edge: " + line);
        }
    }
}
