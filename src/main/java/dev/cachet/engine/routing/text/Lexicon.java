package dev.cachet.engine.routing.text;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The closed-class words a language uses to ask for data and to size a question: question words,
 * request verbs, aggregates, superlatives, comparisons, time words, pronouns. Grammar, not a
 * vocabulary fitted to any dataset: a new language is one more factory method. All entries are
 * accent-folded and lower-case.
 *
 * @param interrogatives  words that open a wh-question
 * @param auxiliaries     words that open a yes/no question ("is", "does", "¿hay")
 * @param requests        verbs that open a request for rows ("list", "show", "muestra")
 * @param aggregates      counting and summarising words
 * @param superlatives    ranking words
 * @param comparisons     filter words (comparatives, ranges)
 * @param timeWords       month names and calendar words
 * @param thirdPerson     pronouns that point at something said earlier
 * @param personal        first- and second-person words (talk between people, not about data)
 * @param countPhrases    multi-word counting questions ("how many", "cuantos")
 * @param simpleOpeners   openers of a short factual question ("what is", "que es")
 * @param explainWords    words asking for an explanation (medium effort)
 * @param compareWords    words asking to compare, analyse or plan (large effort)
 * @param exhaustiveWords words asking for everything or in depth (the largest effort)
 * @param allWords        quantifiers for "all" ("all", "every", "todos")
 * @param acknowledgements short replies that need no model ("ok", "gracias")
 */
public record Lexicon(Set<String> interrogatives, Set<String> auxiliaries, Set<String> requests, Set<String> aggregates,
                      Set<String> superlatives, Set<String> comparisons, Set<String> timeWords, Set<String> thirdPerson,
                      Set<String> personal, Set<String> countPhrases, Set<String> simpleOpeners, Set<String> explainWords,
                      Set<String> compareWords, Set<String> exhaustiveWords, Set<String> allWords, Set<String> acknowledgements) {

    static Lexicon english() {
        return new Lexicon(
                words("what which who whom whose when where why how what's whats"),
                words("is are was were do does did can could has have had will would should shall am"),
                words("list show find give name display count get return tell select fetch retrieve compute calculate report "
                        + "sort rank enumerate print provide identify"),
                words("average avg mean median total sum count number max maximum min minimum percentage percent proportion "
                        + "ratio distinct per"),
                words("most least highest lowest largest smallest biggest greatest fewest top bottom best worst earliest latest "
                        + "oldest newest youngest longest shortest maximum minimum"),
                words("than between before after since above below exceeding exceeds greater fewer larger smaller higher lower "
                        + "more less under over within"),
                words("january february march april may june july august september october november december jan feb mar apr "
                        + "jun jul aug sep sept oct nov dec today yesterday tomorrow week weekly month monthly year yearly annual "
                        + "quarter quarterly daily day days weeks months years date dates ago recent recently"),
                words("he she him his her hers they them their theirs those these"),
                words("i me my mine myself you your yours yourself we us our"),
                words("how many|how much|number of|count of|total number"),
                words("what is|what are|what was|what's|who is|who was|who are|when is|when was|when did|where is|where was|"
                        + "define|definition of|meaning of"),
                words("how why explain describe elaborate"),
                words("compare comparison contrast versus vs difference differences analyze analyse analysis evaluate assess "
                        + "tradeoffs tradeoff pros cons advantages disadvantages design architect plan strategy step"),
                words("comprehensive exhaustive thorough detailed everything depth complete full overview"),
                words("all every each entire whole"),
                words("ok okay k thanks thank thx ty yes no yep nope sure cool great nice fine alright got it perfect")
        );
    }

    static Lexicon spanish() {
        return new Lexicon(
                words("que cual cuales quien quienes cuando donde cuanto cuanta cuantos cuantas como porque"),
                words("es son era eran fue fueron hay habia tiene tienen puede pueden esta estan"),
                words("lista listar enumera muestra muestrame mostrar dame da dime encuentra busca buscar cuenta contar calcula "
                        + "obten devuelve indica selecciona ordena"),
                words("promedio media mediana total suma numero cantidad maximo minimo porcentaje proporcion distintos por"),
                words("mayor menor maximo minimo primero primer ultimo ultima mejor peor mas menos"),
                words("entre antes despues desde hasta superior inferior mayor menor mas menos supera"),
                words("enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre hoy "
                        + "ayer manana semana semanas mes meses ano anos trimestre fecha fechas dia dias diario mensual anual"),
                words("el ella ellos ellas su sus esos esas estos estas le les"),
                words("yo me mi mis tu tus te usted ustedes nosotros nuestro nuestra"),
                words("cuantos|cuantas|cuanto|cuanta|numero de|cantidad de|total de"),
                words("que es|que son|quien es|quien fue|cuando es|cuando fue|donde esta|donde es|define|definicion de|significado de"),
                words("como porque explica explicame describe detalla"),
                words("compara comparar comparacion contrasta diferencia diferencias versus vs analiza analizar analisis evalua "
                        + "evaluar ventajas desventajas disena diseno arquitectura plan estrategia paso"),
                words("completo completa exhaustivo exhaustiva detallado detallada detalle todo profundidad resumen"),
                words("todos todas todo toda cada entero entera"),
                words("ok vale gracias si no claro genial bien perfecto listo")
        );
    }

    /**
     * Space-separated words; or, when the text holds a '|', '|'-separated phrases stored padded with one
     * space each side (" how many "), the form {@link AnalyzedText#hasPhrase} looks for.
     */
    private static Set<String> words(String text) {
        if (text.contains("|")) {
            return Arrays.stream(text.split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> " " + Folding.fold(s) + " ").collect(Collectors.toUnmodifiableSet());
        }
        return Arrays.stream(text.split("\\s+")).map(String::strip).filter(s -> !s.isEmpty()).map(Folding::fold)
                .collect(Collectors.toUnmodifiableSet());
    }
}
