using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Edge.Node.Esp32")]
[assembly: AssemblyDescription("Edge node agent on an ESP32 with .NET nanoFramework")]
[assembly: AssemblyProduct("Edge")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
