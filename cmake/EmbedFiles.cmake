# rapporteur_embed_files(TARGET NAMESPACE ns FILES f...): a static library
# holding the bytes of each file, so that a binary serves them without
# finding a data folder at run time (the console, the API descriptors).
# Its header `TARGET.h` declares, in namespace `ns`:
#   struct EmbeddedFile { std::string_view name; std::string_view bytes; };
#   std::span<const EmbeddedFile> Files();   // by file name, in name order
# The generated source is rewritten when a file changes.
set(RAPPORTEUR_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files_script.cmake)

function(rapporteur_embed_files target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "NAMESPACE" "FILES")
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/${target})
  set(source ${out_dir}/${target}.cc)
  set(header ${out_dir}/${target}.h)
  list(SORT ARG_FILES)
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${source} ${header}
    COMMAND ${CMAKE_COMMAND} -DOUT_DIR=${out_dir} -DTARGET=${target}
      -DNAMESPACE=${ARG_NAMESPACE} "-DFILES=${files_arg}"
      -P ${RAPPORTEUR_EMBED_SCRIPT}
    DEPENDS ${ARG_FILES} ${RAPPORTEUR_EMBED_SCRIPT}
    COMMENT "Embedding ${target}"
    VERBATIM)
  add_library(${target} STATIC ${source})
  target_include_directories(${target} PUBLIC ${out_dir})
endfunction()
