#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libcmark's buffers come from malloc; hand them back to the C allocator.
func free(_ pointer: UnsafeMutablePointer<CChar>) {
    #if canImport(Glibc)
    Glibc.free(pointer)
    #elseif canImport(Darwin)
    Darwin.free(pointer)
    #endif
}
