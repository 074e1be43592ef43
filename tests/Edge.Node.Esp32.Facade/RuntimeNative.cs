// Facade of the nanoFramework.Runtime.Native package: only what firmware/Edge.Node.Esp32 uses. Signatures only;
// every body throws. Environment.TickCount64 (same package, namespace System) is not declared here: .NET has the
// same property, so the glue binds to .NET's; see the README's list of members checked against .NET.
using System;

namespace nanoFramework.Runtime.Native
{
    // nanoframework/nanoFramework.Runtime.Native: nanoFramework.Runtime.Native/GC.cs
    public static class GC
    {
        // nanoframework/nanoFramework.Runtime.Native: nanoFramework.Runtime.Native/GC.cs
        public static uint Run(bool compactHeap)
        {
            throw new NotSupportedException("facade");
        }
    }

    // nanoframework/nanoFramework.Runtime.Native: nanoFramework.Runtime.Native/Power.cs
    public class Power
    {
        // nanoframework/nanoFramework.Runtime.Native: nanoFramework.Runtime.Native/Power.cs
        public static void RebootDevice()
        {
            throw new NotSupportedException("facade");
        }
    }
}
