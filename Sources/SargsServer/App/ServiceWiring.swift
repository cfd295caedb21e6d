import SargsKit

/// The composition root's wiring: each service from the parts of the context its `init` names.
/// Services themselves never see the whole context.

extension BannerService {
    init(context: SargsContext, reaskDays: Int) {
        self.init(
            store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            settings: context.settings,
            reaskDays: reaskDays)
    }
}

extension BreachService {
    init(context: SargsContext) {
        self.init(keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock)
    }
}

extension ConsentService {
    init(context: SargsContext) {
        self.init(keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock)
    }
}

extension FactService {
    init(context: SargsContext) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            datasets: context.datasets)
    }
}

extension DecisionService {
    init(context: SargsContext) {
        self.init(keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock)
    }
}

extension ExportService {
    init(context: SargsContext) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            subjectData: context.subjectData, datasets: context.datasets)
    }
}

extension PolicyChangeNotices {
    init(context: SargsContext, batchSize: Int = 200) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            settings: context.settings, batchSize: batchSize)
    }
}

extension PolicyVersionService {
    init(context: SargsContext) {
        self.init(
            store: context.store, ruleSource: context.ruleSource, serverClock: context.clock, settings: context.settings
        )
    }
}

extension ConsentCenterService {
    init(context: SargsContext, consents: ConsentService) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            consents: consents)
    }
}

extension RecordService {
    init(context: SargsContext) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            settings: context.settings)
    }
}

extension RequestService {
    init(context: SargsContext) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            settings: context.settings, subjectData: context.subjectData, subjects: SubjectService(context: context),
            consents: ConsentService(context: context), datasets: context.datasets,
            externalSystems: context.externalSystems)
    }
}

extension RetentionService {
    init(context: SargsContext) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            subjectData: context.subjectData, datasets: context.datasets, externalSystems: context.externalSystems,
            settings: context.settings)
    }
}

extension StaffAccounts {
    init(context: SargsContext) { self.init(keys: context.keys, store: context.store, serverClock: context.clock) }
}

extension IndirectCollectionNotices {
    init(context: SargsContext) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            settings: context.settings)
    }
}

extension SubjectService {
    init(context: SargsContext) {
        self.init(keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock)
    }
}

extension UnsubscribeService {
    init(context: SargsContext) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            settings: context.settings)
    }
}

extension RecordPurge {
    init(context: SargsContext, requestDetailsDays: Int) {
        self.init(store: context.store, requestDetailsDays: requestDetailsDays)
    }
}

extension StaffSessions {
    init(context: SargsContext, settings: ConsoleSettings) {
        self.init(keys: context.keys, store: context.store, serverClock: context.clock, settings: settings)
    }
}

extension StaffSignIn {
    init(context: SargsContext, sessions: StaffSessions) {
        self.init(
            keys: context.keys, store: context.store, ruleSource: context.ruleSource, serverClock: context.clock,
            sessions: sessions)
    }
}

extension SubjectImport {
    init(context: SargsContext, actor: String) {
        self.init(
            subjects: SubjectService(context: context), consents: ConsentService(context: context),
            facts: FactService(context: context), store: context.store, ruleSource: context.ruleSource,
            serverClock: context.clock, actor: actor)
    }
}
