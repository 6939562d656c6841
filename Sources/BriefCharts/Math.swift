#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few C math functions the charts need (libm, not Foundation), in one place.
enum Math {
    static func log10(_ x: Double) -> Double {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        return cLog10(x)
        #else
        return 0
        #endif
    }
}

@inline(__always) private func cLog10(_ x: Double) -> Double { log10(x) }
