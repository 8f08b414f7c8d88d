"""Hand-written cue words that steer name boundaries and labels."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that open a sentence or a run but never start a name ("The", "However", ...).
FUNCTION_WORDS = _words(
    """The A An In On At By For From To With Without Within But And Or Nor If When While
    Whereas After Before Since As Its It It's This That These Those There Their They He She
    We I You His Her Our My Your Some Many Most More Much All Both Each Every Either Neither
    No Not Now Then Yet So Still Also Even Only Just Such What Which Who Whose Whom Where
    Why How Last Next Other Another Over Under Until Unless Although Though Because Despite
    During Among Between Across Against Along Around Into Through Throughout Toward Towards
    Upon Via Per Here Meanwhile However Nevertheless Nonetheless Moreover Furthermore
    Instead Indeed Thus Hence Otherwise Already Perhaps Earlier Later Today Tonight
    Yesterday Tomorrow Overall Once Twice Several Few Any None Than Like Unlike Whether
    Whatever Whoever Mr Mrs Ms Dr About Do Does Did Is Are Was Were Be Been Has Have Had Can
    Could Will Would Shall Should May Might Must Let Please Yes Dear Hi Hello Oh Asked
    Speaking Citing According Following Including One Two Three Four Five Six Seven Eight
    Nine Ten"""
)

MONTHS_AND_DAYS = _words(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun"""
)

# Titles and roles: stripped from the front of a name and a sign that a person follows.
TITLES = _words(
    """President Vice Prime Minister Ministers Chancellor Secretary Premier King Queen Prince
    Princess Crown Emir Sultan Pope Cardinal Archbishop Bishop Rev Reverend Imam Rabbi Mr
    Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Baroness Baron Senator Sen Rep
    Representative Congressman Congresswoman Governor Gov Mayor General Gen Lt Colonel Col
    Captain Capt Admiral Commander Sergeant Marshal Judge Justice Chief Executive Officer
    Director Chairman Chairwoman Chair Chairperson CEO Founder Co-founder Cofounder
    President-elect Spokesman Spokeswoman Spokesperson Ambassador Envoy Commissioner
    Inspector Superintendent Coach Manager Goalkeeper Striker Midfielder Defender Forward
    Curator Editor Economist Analyst Deputy Acting Interim Former Managing Head Leader Lead
    Author Vice-President Senior Rotating Chancellor-elect Treasurer Attorney Solicitor
    Counsel Speaker Sheikh Auditor Comptroller Detective Officer Constable Agent Lawmaker
    Legislator Diplomat Correspondent Reporter Anchor Presenter Host Producer Dean Provost
    Rector Principal Vice-Chancellor Ayatollah Mufti Patriarch Father Brother Sister Mother
    Saint St Mgr Minister-President Taoiseach Tánaiste Commissioner-General Director-General
    Secretary-General Under-Secretary Chief-of-Staff MP MEP Senator-elect Governor-elect"""
)

# Lower-case role nouns that, right before a capitalised run, mark it as a person.
ROLE_WORDS = frozenset(
    w.lower() for w in TITLES if w[0].isupper() and len(w) > 3 and w not in {"Grand", "Saint"}
) | _words(
    """official officials minister spokesman spokeswoman spokesperson chairman chief executive
    boss director founder co-founder professor lecturer researcher scientist economist
    analyst strategist investor banker lawyer attorney judge prosecutor player coach manager
    striker midfielder defender goalkeeper forward wing fly-half bowler batter batsman
    spinner captain skipper rider driver cyclist runner sprinter swimmer champion singer
    actor actress rapper artist painter writer author novelist poet director filmmaker
    curator editor journalist reporter photographer presenter activist campaigner lawmaker
    legislator senator governor mayor president premier chancellor candidate leader rival
    opponent colleague deputy aide adviser advisor envoy ambassador diplomat general
    commander colonel officer soldier resident farmer worker teacher student doctor nurse
    surgeon engineer architect designer pilot astronaut plumber owner investor entrepreneur
    billionaire star veteran legend husband wife son daughter father mother brother sister
    uncle aunt cousin widow chef secretary treasurer counsel historian physicist chemist
    biologist astronomer epidemiologist quarterback pitcher wrestler boxer golfer jockey
    composer lyricist songwriter conductor playwright screenwriter stallholder shopkeeper
    vendor dr mr mrs ms"""
)

SAYING_VERBS = _words(
    """said says told added wrote argued warned explained noted stressed insisted claimed
    announced confirmed denied recalled acknowledged admitted replied urged believes thinks
    tweeted posted"""
)

# Last word of an organisation's name.
ORG_HEADS = _words(
    """Inc Inc. Ltd Ltd. Corp Corp. Corporation Co Co. Company Companies Group Holdings Holding
    Bank Banks Bancorp Capital Partners Ventures Investments Investment Securities Exchange
    Fund Trust Insurance Assurance Financial Finance Motors Motor Airlines Airways Air
    Energy Power Petroleum Oil Gas Mining Steel Chemicals Pharmaceuticals Pharma
    Therapeutics Technologies Technology Tech Systems Software Labs Laboratories Laboratory
    Electronics Electric Industries Industry Telecom Telecoms Communications Networks Media
    News Times Post Journal Herald Gazette Tribune Press Broadcasting Television Radio
    Studios Pictures Records Entertainment Games Foods Beverages Brewery Brands Retail
    Stores Logistics Shipping Lines Railways Rail Railway Transit Services Solutions
    Consulting Renewables Semiconductor Semiconductors Robotics Automotive Aerospace
    Dynamics Defence Defense Health Healthcare University College School Academy Institute
    Institution Polytechnic Museum Gallery Library Foundation Society Centers Centres
    Workers Association Federation Union Unions Council Committee Commission Board Authority
    Agency Administration Department Ministry Office Bureau Service Services Court Tribunal
    Parliament Assembly Municipality Congress Senate Cabinet Government Party Movement Front
    Alliance Coalition Organisation Organization Centre Center Hospital Clinic Police Army
    Navy Force Forces Guard Corps Command Brigade Regiment Club United FC CF AC SC Rovers
    Wanderers Athletic Juniors Cooperative Council Network Initiative Programme Program
    Project Forum Observatory Registry Reserve Treasury Chamber Secretariat Mission
    Directorate Inspectorate Conference Lab Collective Consortium Institute Studios
    Community Properties Realty"""
)

# Last word of a place's name: features, facilities and landmarks.
PLACE_HEADS = _words(
    """Street St Road Avenue Ave Boulevard Lane Square Plaza Park Gardens Garden Bridge Tower
    Towers Palace Castle Cathedral Temple Shrine Stadium Arena Airport Port Harbour Harbor
    Station Terminal Crater River Lake Sea Ocean Bay Gulf Strait Channel Canal Island
    Islands Isles Peninsula Cape Coast Mountains Mountain Mount Hills Hill Valley Desert
    Forest Falls Glacier Basin Delta Gorge Dock Docks Coliseum Colosseum Mosque Church
    Synagogue Plateau Plain Plains Reef Cove Beach Province Region County State District
    Prefecture Oblast Territory Territories Borough Township Village Town Heights Quarter
    Corridor Dam Reservoir Pass Canyon Wall Gate Mall Market Hall Range Sound Highway
    Motorway Expressway Freeway Marina Pier Wharf Docks Field Fields Grounds Ground Stadion
    Estadio Kilometre Array Crossing Checkpoint Camp Base Zone Parkway"""
)

# Last word of another kind of name: events, laws, products, competitions.
MISC_HEADS = _words(
    """Act Acts Bill Law Treaty Accord Accords Agreement Convention Protocol Declaration
    Charter Doctrine Plan Cup Trophy Championship Championships Open Games Olympics Series
    Tournament Prize Award Awards Festival Contest Show Expo Summit Week Marathon Derby
    League Classic Rally Grand Prix Index War Wars Revolution Crisis Massacre Uprising
    Spring Agenda Strategy Vision Prize Medal Album Novel Film Edition Version Pro Max Ultra
    Plus Mini Lite Neo"""
)

# Connectors allowed between capitalised words inside one name.
PARTICLES = _words(
    "es de da do dos das del della di du des la le von van der den ter bin bint ibn al el y e"
)
# Words that may start an organisation's name and take "of" after them.
OF_HEADS = _words(
    """University Bank Ministry Department Republic Kingdom Commonwealth Federation Union
    Institute Academy School College Museum Church Council Court Office Bureau Board House
    Head Duke Duchess Earl Prince Princess Gulf Bay Sea Isle Isles Strait Cape Lake Mount
    Port Straits Tower Statue Cathedral Palace Archbishop Bishop Secretary Minister Governor
    Commission Committee Community Organisation Organization Association Federation Society Centre
    Center League Order Chamber Party Coalition Confederation Assembly Parliament State
    States City Province Region Islands Sultanate Emirate Principality Democratic Federal
    People's Peoples Government Conference Festival Battle Siege Treaty Declaration
    Agreement Book Bill Act Year Day Cup Tour Games Championship Friends Sisters Brothers
    Knights Daughters"""
)

# First word of a place's name ("Lake Victoria", "Stade de France").
PLACE_STARTS = _words(
    """Mount Mt Lake Cape Port Fort Isle River Gulf Bay Estadio Stade Stadio Estadi Mont Monte
    Sierra Lac Loch Rio Sea Strait Straits Camp Lago Piazza Plaza Place Avenida Rue Via"""
)

# Words that turn a place into a larger or smaller area of it ("Inner Mongolia").
PLACE_QUALIFIERS = _words(
    """North South East West Northern Southern Eastern Western Central Upper Lower Inner Outer
    Greater Old New Metro Northeast Northwest Southeast Southwest Northeastern Northwestern
    Southeastern Southwestern Mid Far Middle Deep Coastal Metropolitan Downtown"""
)

# Nouns right after a name that make it a product, vehicle or model.
PRODUCT_NOUNS = _words(
    """lander rover helicopter spacecraft probe satellite telescope rocket launcher capsule
    robot robots smartphone phone phones handset handsets tablet laptop chip chips processor console
    drug drugs vaccine pill jab app apps chatbot model models platform software browser jet jets
    aircraft airliner plane planes drone drones missile missiles tank tanks car cars truck
    trucks ship vessel carrier submarine frigate destroyer train engine engines series
    franchise brand label"""
)

# Nouns right after a name that make it a disease: diseases are not names.
DISEASE_NOUNS = _words("virus disease fever flu outbreak syndrome variant")

# First word of an event or competition's name ("Copa América", "Tour de France").
MISC_STARTS = _words(
    """Copa Coupe Coppa Tour Giro Vuelta Operation Battle Siege Treaty Project Typhoon Hurricane
    Cyclone Storm"""
)

# Nouns right after a lone unknown word that make it a place ("the Pilbara region").
PLACE_NOUNS = _words(
    """region area province district valley basin coast peninsula county state municipality
    township suburb neighbourhood neighborhood desert plateau delta reserve"""
)

# Currency nouns: a nationality before them belongs to the amount, not to the names.
CURRENCY_NOUNS = _words(
    """dollar dollars crown crowns krona kronor krone kroner pound pounds franc francs rupee
    rupees peso pesos rand real reais yuan yen won euro euros lira dinar dinars dirham
    dirhams riyal riyals cents shilling shillings naira cedi ringgit baht dong rupiah zloty
    forint"""
)

# Words before "of" that make the whole a place ("Republic of ...") or another name ("Treaty of").
OF_PLACES = _words(
    """Republic Kingdom Commonwealth Gulf Bay Sea Isle Isles Strait Straits Cape Lake Mount Port
    City Province Region Islands Sultanate Emirate Principality State States Tower Statue
    Cathedral Palace"""
)
OF_MISC = _words(
    """Battle Siege Treaty Declaration Agreement Book Bill Act Year Day Cup Tour Games
    Championship Festival"""
)
