/** A rating as five stars, filled then empty ("★★★★☆" for 4); screen readers get words instead. */
export const starText = (n: number): string => '★★★★★☆☆☆☆☆'.slice(5 - n, 10 - n);
