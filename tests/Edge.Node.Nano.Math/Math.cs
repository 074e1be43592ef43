// Facade of the nanoFramework.System.Math package (assembly System.Math): only what the portable core and the ESP32
// glue use. Signatures only; every body throws. On ESP32 images the double overloads compute in single precision
// unless the firmware was built with double-precision floating point (nanoFramework's Math.cs remarks).
namespace System
{
    // nanoframework/System.Math: nanoFramework.System.Math/Math.cs
    public static class Math
    {
        // nanoframework/System.Math: nanoFramework.System.Math/Math.cs
        public static int Max(int val1, int val2)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Math: nanoFramework.System.Math/Math.cs
        public static int Min(int val1, int val2)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Math: nanoFramework.System.Math/Math.cs
        public static double Max(double x, double y)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Math: nanoFramework.System.Math/Math.cs
        public static double Min(double x, double y)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Math: nanoFramework.System.Math/Math.cs
        public static double Ceiling(double d)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Math: nanoFramework.System.Math/Math.cs
        public static double Sqrt(double x)
        {
            throw new NotSupportedException("facade");
        }
    }
}
