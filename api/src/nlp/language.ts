import type { ClassificationLanguage } from "@surgedesk/shared";

/**
 * English or Spanish, by counting function words and shop words of each language. Comments are
 * too short for character n-gram profiles to be reliable (a two-word comment has no profile),
 * while nearly every sentence has "my", "is", "the" or "mi", "es", "el". Mixed messages
 * ("mi order no ha llegado") go to the language with more hits; no hits at all is "und"
 * (emoji only, numbers only, a tag). Words both languages use ("a", "me", "no") count for neither.
 */

const ENGLISH = new Set(
  (
    "the an is are was were be been being am i im ive my mine you your youre it its this that these those and " +
    "or but to of for in on at with from by about as have has had having do does did dont doesnt didnt not " +
    "cant wont isnt wasnt havent hasnt where what when why how who which will would can could should still just " +
    "get got please thanks thank want need order ordered package shipping shipped arrived received refund " +
    "return cancel size love so very really they them we our us he she his her there here any some all " +
    "if then than also again yet ever never nothing anyone everyone help wrong item items day days week weeks " +
    "month months ago since laugh lol haha"
  ).split(" "),
);

const SPANISH = new Set(
  (
    "el la los las un una unos unas es son esta estan estoy esto este eso ese fue era ser estar de del al y o " +
    "pero que en con por para sin sobre mi mis tu tus su sus te se le les lo nos yo usted ustedes ellos " +
    "como cuando donde porque por que cual quien ya aun todavia tambien muy mas menos nada nunca siempre hay " +
    "tiene tengo tienen quiero necesito puedo pueden hace hizo llego llega llegado llegan pedido pedidos orden " +
    "paquete envio enviaron envian reembolso devolucion cancelar cambiar talla gracias hola favor dias semanas " +
    "meses semana mes hoy ayer nadie algo todo bien mal bueno buena malo mala encanta amo jaja risa"
  ).split(" "),
);

export interface LanguageGuess {
  language: ClassificationLanguage;
  english: number;
  spanish: number;
}

/** `words` are normalized words (lower case, accents folded); `text` is the sanitized original. */
export function detectLanguage(words: readonly string[], text: string): LanguageGuess {
  let english = 0;
  let spanish = 0;
  for (const word of words) {
    if (ENGLISH.has(word)) english++;
    if (SPANISH.has(word)) spanish++;
  }
  // ¿ ¡ ñ and accented vowels are Spanish orthography; one is worth a function word.
  if (/[¿¡ñÑáéíóúÁÉÍÓÚ]/.test(text)) spanish++;
  if (english === 0 && spanish === 0) return { language: "und", english, spanish };
  return { language: spanish > english ? "es" : "en", english, spanish };
}
