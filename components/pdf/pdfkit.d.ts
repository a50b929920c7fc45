// pdfkit ships no types; components/pdf/pdfkit-fonts.ts touches only its document class's prototype.
declare module "pdfkit" {
  const PDFDocument: { prototype: object };
  export default PDFDocument;
}
