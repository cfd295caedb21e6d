/// Default supervisory authorities. Contact details change: a policy may
/// override them with `supervisory_authority`, and docs/policy.md says when
/// they were last checked.
public enum SupervisoryAuthorities {
    public static let byMemberState: [String: Authority] = ["LV": latvia, "LT": lithuania, "EE": estonia]

    public static let latvia = Authority(
        name: LocalizedText([
            "lv": "Datu valsts inspekcija",
            "en": "Data State Inspectorate (Datu valsts inspekcija)",
            "lt": "Latvijos valstybinė duomenų inspekcija (Datu valsts inspekcija)",
            "et": "Läti Andmeriigi Inspektsioon (Datu valsts inspekcija)",
            "uk": "Державна інспекція даних Латвії (Datu valsts inspekcija)",
            "ru": """
            Государственная инспекция данных Латвии (Datu valsts inspekcija)
            """,
        ]),
        address: "Elijas iela 17, Rīga, LV-1050", website: "https://www.dvi.gov.lv",
        email: "pasts@dvi.gov.lv", phone: "+371 67223131")

    public static let lithuania = Authority(
        name: LocalizedText([
            "lt": "Valstybinė duomenų apsaugos inspekcija",
            "en": "State Data Protection Inspectorate (Valstybinė duomenų apsaugos inspekcija)",
            "lv": "Lietuvas Valsts datu aizsardzības inspekcija (Valstybinė duomenų apsaugos inspekcija)",
            "et": "Leedu Riiklik Andmekaitse Inspektsioon (Valstybinė duomenų apsaugos inspekcija)",
            "uk": """
            Державна інспекція із захисту \
            даних Литви (Valstybinė duomenų apsaugos inspekcija)
            """,
            "ru": """
            Государственная инспекция по защите \
            данных Литвы (Valstybinė duomenų apsaugos inspekcija)
            """,
        ]),
        address: "L. Sapiegos g. 17, LT-10312 Vilnius", website: "https://vdai.lrv.lt",
        email: "ada@ada.lt", phone: "+370 5 271 2804")

    public static let estonia = Authority(
        name: LocalizedText([
            "et": "Andmekaitse Inspektsioon",
            "en": "Data Protection Inspectorate (Andmekaitse Inspektsioon)",
            "lv": "Igaunijas Datu aizsardzības inspekcija (Andmekaitse Inspektsioon)",
            "lt": "Estijos duomenų apsaugos inspekcija (Andmekaitse Inspektsioon)",
            "uk": "Інспекція із захисту даних Естонії (Andmekaitse Inspektsioon)",
            "ru": "Инспекция по защите данных Эстонии (Andmekaitse Inspektsioon)",
        ]),
        address: "Tatari 39, 10134 Tallinn", website: "https://www.aki.ee",
        email: "info@aki.ee", phone: "+372 627 4135")

    public static let ukraine = Authority(
        name: LocalizedText([
            "uk": "Уповноважений Верховної Ради України з прав людини",
            "en": "Ukrainian Parliament Commissioner for Human Rights",
            "ru": """
            Уполномоченный Верховной Рады \
            Украины по правам человека
            """,
            "lv": "Ukrainas Augstākās Radas cilvēktiesību komisārs",
            "lt": "Ukrainos Aukščiausiosios Rados žmogaus teisių įgaliotinis",
            "et": "Ukraina Ülemraada inimõiguste volinik",
        ]),
        address: "вул. Інститутська, 21/8, м. Київ, 01008, Україна",
        website: "https://ombudsman.gov.ua",
        email: "hotline@ombudsman.gov.ua", phone: nil)

    public static let belarus = Authority(
        name: LocalizedText([
            "ru": """
            Национальный центр защиты персональных \
            данных Республики Беларусь
            """,
            "en": "National Personal Data Protection Center of the Republic of Belarus",
            "uk": """
            Національний центр захисту \
            персональних даних Республіки Білорусь
            """,
            "lv": "Baltkrievijas Republikas Nacionālais personas datu aizsardzības centrs",
            "lt": "Baltarusijos Respublikos nacionalinis asmens duomenų apsaugos centras",
            "et": "Valgevene Vabariigi riiklik isikuandmete kaitse keskus",
        ]),
        address: "ул. Клары Цеткин, 24-1, 220004 г. Минск, Беларусь",
        website: "https://cpd.by",
        email: nil, phone: nil)
}
