/// The version of Sargs, as `sargs --version` prints it and the server reports it.
public enum SargsVersion {
    /// Semantic version of this build.
    public static let current = "0.9.0"
}
