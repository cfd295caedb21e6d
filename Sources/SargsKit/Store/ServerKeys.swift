import Foundation
import SargsCore

/// The master key and the subjects' data keys unwrapped from it lately (in memory, a minute at most).
public struct ServerKeys: Sendable {
    public let master: MasterKey
    public let dataKeys: DataKeyCache

    /// `dataKeys` must be the cache the `WriteStore` forgets keys in after a change.
    public init(master: MasterKey, dataKeys: DataKeyCache) {
        self.master = master
        self.dataKeys = dataKeys
    }
}
