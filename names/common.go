package names

// Very common given names and surnames. A match that rests only on such
// parts, while the listed name has parts the query lacks, is more likely a
// namesake than the listed party: "Fernando Castro" fits thousands of people
// besides "Luis Fernando Castro Villa".
//
// Sources: the most frequent surnames of the US Census 2010; the most
// frequent given names of the US Social Security Administration (1950–2010);
// the most frequent names and surnames published by the national statistics
// offices of Spain (INE), Mexico (RENAPO), Brazil and Portugal, France
// (INSEE), Germany, Italy (ISTAT), the United Kingdom (ONS), Russia, Poland
// and Turkey (TÜİK); the most frequent Chinese, Korean, Vietnamese and
// Indian surnames; and the most frequent Arabic, Persian and Urdu given
// names. Forms are folded Latin, as names.Analyze writes them.
var commonParts = set(
	// English given names
	"james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles",
	"christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "stephen", "paul", "andrew",
	"joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey",
	"ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "larry", "justin", "scott", "brandon",
	"benjamin", "samuel", "frank", "gregory", "raymond", "alexander", "patrick", "jack", "dennis", "jerry",
	"tyler", "aaron", "henry", "adam", "peter", "nathan", "zachary", "kyle", "walter", "harold", "carl",
	"arthur", "lawrence", "roger", "albert", "joe", "bruce", "willie", "billy", "louis", "wayne", "ralph",
	"roy", "eugene", "bobby", "russell", "philip", "harry", "vincent", "martin", "keith", "howard", "fred",
	"mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
	"nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle",
	"dorothy", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia",
	"kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha",
	"katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather",
	"diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan",
	"evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances", "gloria",
	"ann", "teresa", "kathryn", "sara", "janice", "jean", "alice", "madison", "doris", "abigail", "julia",
	"judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie",
	"diana", "brittany", "natalie", "isabella", "charlotte", "rose", "alexis", "kayla", "molly", "sophie",
	"lucy", "ellen", "connie", "tina", "tanya", "julie", "sally", "tom", "jim", "bob", "bill", "mike", "dave",
	// English and Commonwealth surnames
	"smith", "johnson", "williams", "brown", "jones", "miller", "davis", "wilson", "anderson", "taylor",
	"thomas", "moore", "jackson", "martin", "lee", "thompson", "white", "harris", "clark", "lewis",
	"robinson", "walker", "young", "allen", "king", "wright", "scott", "hill", "green", "adams", "nelson",
	"baker", "hall", "campbell", "mitchell", "carter", "roberts", "phillips", "evans", "turner", "parker",
	"collins", "edwards", "stewart", "morris", "murphy", "cook", "rogers", "morgan", "cooper", "peterson",
	"reed", "bailey", "bell", "kelly", "howard", "ward", "cox", "richardson", "wood", "watson", "brooks",
	"bennett", "gray", "james", "hughes", "price", "sanders", "myers", "long", "ross", "foster", "powell",
	"jenkins", "perry", "russell", "sullivan", "fisher", "henderson", "coleman", "simmons", "patterson",
	"jordan", "reynolds", "hamilton", "graham", "wallace", "west", "cole", "hayes", "gibson", "ellis",
	"stevens", "murray", "ford", "marshall", "owens", "mcdonald", "harrison", "kennedy", "wells", "alexander",
	"palmer", "black", "lloyd", "mason", "hunt", "holmes", "mills", "knight", "webb", "hart", "pierce",
	"jensen", "hansen", "nielsen", "larsen", "andersen", "pedersen", "johansson", "andersson", "karlsson",
	"nilsson", "eriksson", "larsson", "olsson", "persson", "berg", "olsen", "lie", "dahl", "lund", "holm",
	// Spanish and Portuguese given names
	"jose", "juan", "luis", "carlos", "jorge", "pedro", "manuel", "francisco", "antonio", "miguel", "jesus",
	"javier", "alejandro", "fernando", "sergio", "rafael", "ricardo", "roberto", "eduardo", "mario",
	"alberto", "pablo", "diego", "andres", "raul", "enrique", "oscar", "ramon", "alfredo", "hector",
	"julio", "victor", "arturo", "hugo", "rodrigo", "gabriel", "ruben", "angel", "alvaro", "ivan", "emilio",
	"guillermo", "gustavo", "felipe", "santiago", "martin", "ignacio", "adrian", "cesar", "marco", "marcos",
	"joao", "paulo", "lucas", "mateus", "rui", "tiago", "nuno", "fabio", "leonardo", "daniela", "gabriela",
	"carmen", "ana", "isabel", "lucia", "laura", "marta", "elena", "rosa", "sofia", "paula", "claudia",
	"patricia", "veronica", "monica", "silvia", "beatriz", "adriana", "alejandra", "mariana", "fernanda",
	"juana", "luisa", "josefa", "dolores", "pilar", "cristina", "raquel", "natalia", "guadalupe", "leticia",
	// Spanish and Portuguese surnames
	"garcia", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "perez", "sanchez", "ramirez",
	"torres", "flores", "rivera", "gomez", "diaz", "cruz", "morales", "reyes", "gutierrez", "ortiz", "chavez",
	"ramos", "ruiz", "alvarez", "mendoza", "castillo", "jimenez", "moreno", "romero", "herrera", "medina",
	"aguilar", "vargas", "castro", "guzman", "fernandez", "munoz", "rojas", "mendez", "salazar", "soto",
	"delgado", "pena", "vasquez", "vazquez", "silva", "santos", "oliveira", "souza", "pereira", "costa",
	"ferreira", "rodrigues", "almeida", "lima", "carvalho", "gomes", "ribeiro", "martins", "alves", "lopes",
	"sousa", "barbosa", "araujo", "cardoso", "rocha", "dias", "nunes", "mendes", "cabrera", "campos",
	"vega", "molina", "estrada", "contreras", "sandoval", "luna", "rios", "acosta", "navarro", "dominguez",
	"suarez", "blanco", "marin", "iglesias", "garrido", "rubio", "cortes", "nunez", "duran", "ortega", "pacheco",
	"espinoza", "figueroa", "valencia", "villa", "fuentes", "cardenas", "paredes", "miranda", "benitez",
	// French, German, Italian, Dutch and other European names
	"jean", "pierre", "michel", "philippe", "alain", "nicolas", "francois", "jacques", "christophe", "thierry",
	"marie", "nathalie", "isabelle", "sylvie", "catherine", "martine", "christine", "francoise", "monique",
	"dubois", "durand", "leroy", "moreau", "simon", "laurent", "lefebvre", "michel", "bernard", "petit", "richard",
	"thomas", "robert", "roux", "fournier", "girard", "bonnet", "dupont", "lambert", "fontaine", "rousseau",
	"hans", "peter", "klaus", "wolfgang", "jurgen", "michael", "thomas", "andreas", "stefan", "frank",
	"ursula", "monika", "petra", "sabine", "andrea", "claudia", "susanne", "birgit", "karin", "gabriele",
	"muller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "schulz", "hoffmann",
	"schafer", "koch", "bauer", "richter", "klein", "wolf", "schroder", "neumann", "schwarz", "zimmermann",
	"braun", "kruger", "hofmann", "hartmann", "lange", "schmitt", "werner", "krause", "meier", "lehmann",
	"giuseppe", "giovanni", "francesco", "mario", "luigi", "paolo", "marco", "alessandro", "andrea", "roberto",
	"rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo", "ricci", "marino", "greco",
	"bruno", "gallo", "conti", "deluca", "mancini", "costa", "giordano", "rizzo", "lombardi", "moretti",
	"devries", "jansen", "bakker", "visser", "smit", "meijer", "mulder", "bos", "vos", "peters", "hendriks",
	"nowak", "kowalski", "wisniewski", "wojcik", "kowalczyk", "kaminski", "lewandowski", "zielinski",
	"piotr", "krzysztof", "tomasz", "pawel", "marcin", "anna", "katarzyna", "malgorzata", "agnieszka",
	"yilmaz", "kaya", "demir", "sahin", "celik", "yildiz", "yildirim", "ozturk", "aydin", "ozdemir",
	"mehmet", "mustafa", "ahmet", "ali", "huseyin", "hasan", "ibrahim", "ismail", "murat", "fatma", "ayse",
	// Russian and Ukrainian
	"ivanov", "smirnov", "kuznetsov", "popov", "vasiliev", "petrov", "sokolov", "mikhailov", "novikov",
	"fedorov", "morozov", "volkov", "alekseev", "lebedev", "semenov", "egorov", "pavlov", "kozlov", "stepanov",
	"nikolaev", "orlov", "andreev", "makarov", "nikitin", "zakharov", "zaitsev", "solovyov", "borisov",
	"ivanova", "smirnova", "kuznetsova", "popova", "petrova", "sokolova", "novikova", "morozova", "volkova",
	"shevchenko", "kovalenko", "bondarenko", "tkachenko", "kravchenko", "melnyk", "boyko", "koval",
	"aleksandr", "sergey", "dmitriy", "andrey", "aleksey", "vladimir", "ivan", "mikhail", "nikolay", "yevgeniy",
	"oleg", "igor", "viktor", "pavel", "yuriy", "maksim", "anatoliy", "vyacheslav", "valeriy", "roman",
	"yelena", "olga", "tatyana", "natalya", "irina", "svetlana", "mariya", "anna", "yekaterina", "lyudmila",
	"galina", "marina", "nadezhda", "valentina", "yuliya", "oksana", "viktoriya",
	// Arabic, Persian, Urdu, Turkish given names and common family names
	"muhammad", "mohammed", "mohammad", "mohamed", "ahmad", "ahmed", "ali", "hassan", "hasan", "hussein",
	"husayn", "hussain", "ibrahim", "abdullah", "abdallah", "omar", "umar", "khalid", "khaled", "youssef",
	"yusuf", "mahmoud", "mahmud", "mustafa", "abdul", "abd", "abdel", "karim", "rahman", "aziz", "said",
	"saeed", "salem", "salim", "saleh", "nasser", "nasir", "jamal", "tariq", "walid", "hamid", "rashid",
	"fatima", "aisha", "maryam", "zainab", "khadija", "amina", "layla", "sara", "nour", "huda", "reza",
	"hossein", "mehdi", "amir", "javad", "majid", "abbas", "jafar", "kazem", "akbar", "asghar", "zadeh",
	"khan", "shah", "malik", "iqbal", "hussain", "qureshi", "siddiqui", "chaudhry", "butt", "sheikh",
	"al", "bin", "ibn", "abu", "ben", "din", "allah", "ullah",
	// Indian
	"singh", "kumar", "sharma", "patel", "shah", "gupta", "verma", "mehta", "joshi", "reddy", "rao",
	"das", "devi", "lal", "ram", "raj", "ravi", "sunil", "anil", "vijay", "sanjay", "amit", "rajesh",
	"priya", "pooja", "sita", "gita", "lakshmi", "nair", "iyer", "mishra", "pandey", "yadav", "khan",
	// Chinese, Korean, Vietnamese, Japanese
	"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
	"hu", "guo", "he", "lin", "luo", "gao", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng",
	"cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng",
	"wei", "ming", "hua", "jun", "jie", "yan", "hong", "ying", "hui", "ping", "lei", "jing", "xin", "jian",
	"kim", "ri", "lee", "park", "pak", "choi", "choe", "jung", "jong", "kang", "cho", "jo", "yoon", "yun",
	"jang", "lim", "im", "han", "oh", "o", "seo", "shin", "sin", "kwon", "hwang", "ahn", "an", "yoo", "ryu",
	"chol", "cheol", "yong", "young", "song", "sung", "su", "soo", "ho", "hyun", "hyon", "min", "jin", "il",
	"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ngo", "duong",
	"sato", "suzuki", "takahashi", "tanaka", "watanabe", "ito", "yamamoto", "nakamura", "kobayashi", "kato",
)

// IsCommon reports whether a folded name part is one of the most common
// given names or surnames worldwide.
func IsCommon(folded string) bool { return commonParts[folded] }
